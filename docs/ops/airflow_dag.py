"""Airflow DAG: ask a running `convrev serve` for a pipeline run and wait for its outcome.

The server owns the warehouse (on DuckDB it is the only process that may open the file), so
Airflow does not run the pipeline itself: it POSTs /v1/admin/runs and polls
/v1/admin/runs/<id> until the run is succeeded, failed or interrupted. A 409 means a run (the
server's own schedule, say) is already in progress: the task then follows that run instead.

Set two Airflow Variables: convrev_url (e.g. http://convrev.internal:8080) and
convrev_admin_key (a key made with `convrev keys create --scope admin`).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException
from airflow.models import Variable
from airflow.operators.python import PythonOperator

POLL_SECONDS = 10
TIMEOUT_SECONDS = 6 * 3600


def _call(method: str, path: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        Variable.get("convrev_url").rstrip("/") + path,
        method=method,
        headers={"Authorization": "Bearer " + Variable.get("convrev_admin_key")},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def run_convrev(**_context) -> str:
    status, body = _call("POST", "/v1/admin/runs")
    if status not in (202, 409) or not body.get("id"):
        raise AirflowException(f"convrev refused the run: {status} {body}")
    run_id = body["id"]
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        _, run = _call("GET", f"/v1/admin/runs/{run_id}")
        if run["status"] == "succeeded":
            return run_id
        if run["status"] in ("failed", "interrupted"):
            raise AirflowException(f"convrev run {run_id} {run['status']}: {run.get('error')}")
        time.sleep(POLL_SECONDS)
    raise AirflowException(f"convrev run {run_id} still running after {TIMEOUT_SECONDS} s")


with DAG(
    dag_id="convrev_pipeline",
    start_date=datetime(2026, 1, 1),
    schedule="0 * * * *",
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5)},
) as dag:
    PythonOperator(task_id="run_convrev", python_callable=run_convrev)
