import type { RawModelEntry } from './build-data-driven-models.js';
import type { ModelKind } from '../../core/attribution/model-spec.js';
import type { ConversionKind } from '../../core/canonical/touchpoint-types.js';
import type {
  Cycle,
  IdentityLevel,
  Outcome,
  ValueKind,
} from '../../core/attribution/conversion-definition.js';

/** A model as written in the YAML file: its kind, or an object with parameters. */
export type RawModel =
  | ModelKind
  | {
      readonly kind: ModelKind;
      readonly name?: string;
      readonly half_life_days?: number;
      readonly first_share?: number;
      readonly last_share?: number;
      readonly milestone_share?: number;
      readonly direct_channels?: readonly string[];
      readonly weights?: {
        readonly event_type?: Readonly<Record<string, number>>;
        readonly touchpoint_type?: Readonly<Record<string, number>>;
      };
      readonly conversation_tiers?:
        | boolean
        | {
            readonly during_session?: number;
            readonly after_end?: readonly {
              readonly within_minutes: number;
              readonly share: number;
            }[];
          };
    };

/** An entry of `attribution.models`: a rule model's kind or object, or a data-driven entry. */
export type RawModelListEntry = Exclude<RawModel, string> | RawModelEntry;

/** A conversion definition as written: an outcome (short form) or a definition. */
export type RawConversion =
  | ConversionKind
  | {
      readonly outcome: Outcome;
      readonly name?: string;
      readonly event_type?: string;
      readonly value?: string | number;
      readonly value_kind?: ValueKind;
      readonly level?: IdentityLevel;
      readonly lookback_days?: number;
      readonly cycle?: Cycle;
      readonly eligible?: {
        readonly touchpoint_types?: readonly string[];
        readonly channels?: readonly string[];
        readonly exclude_channels?: readonly string[];
        readonly event_types?: readonly string[];
        readonly two_way?: boolean;
        readonly sales_handled?: boolean;
      };
    };

/** The `attribution:` section as the JSON Schema guarantees it. */
export interface RawAttribution {
  readonly lookback_days?: number;
  /** Rule models (RawModel) and data-driven ones (build-data-driven-models.ts) in one list. */
  readonly models?: readonly RawModelListEntry[];
  readonly conversions?: readonly RawConversion[];
}
