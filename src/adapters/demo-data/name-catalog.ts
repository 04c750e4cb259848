/**
 * Word lists for people and companies. Email and web domains use the reserved `example` names
 * (RFC 2606) so that no generated address can belong to a real person or company.
 */
// prettier-ignore
export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Amelia', 'Oliver', 'Sophia', 'Elijah', 'Mia', 'Lucas',
  'Harper', 'Mateo', 'Isabella', 'Levi', 'Ava', 'Kai', 'Aisha', 'Omar', 'Chloe', 'Hiro', 'Priya',
  'Arjun', 'Sofia', 'Diego', 'Lena', 'Jonas', 'Fatima', 'Yusuf', 'Grace', 'Mohammed', 'Zoe',
  'Ethan', 'Nora', 'Samuel', 'Leila', 'Daniel', 'Mei', 'Wei', 'Ingrid', 'Lars', 'Camila', 'Mateus',
  'Ana', 'Tomasz', 'Julia', 'Kofi', 'Amara', 'Sean', 'Freya', 'Ravi',
] as const;

// prettier-ignore
export const LAST_NAMES = [
  'Smith', 'Johnson', 'Garcia', 'Nguyen', 'Patel', 'Kim', 'Müller', 'Rossi', 'Silva', 'Brown',
  'Martin', 'Lopez', 'Wilson', 'Anderson', 'Tanaka', 'Kowalski', 'Okafor', 'Haddad', 'Cohen',
  'Dubois', "O'Brien", 'Schmidt', 'Novak', 'Jensen', 'Larsen', 'Moreau', 'Costa', 'Singh', 'Chen',
  'Wang', 'Fischer', 'Weber', 'Ivanova', 'Petrov', 'Hughes', 'Murphy', 'Reyes', 'Cruz', 'Bauer',
  'Lindqvist', 'Santos', 'Fernandes', 'Ali', 'Khan', 'Mensah', 'Abbott', 'Bianchi', 'Romano',
  'Park', 'Sato',
] as const;

// prettier-ignore
export const B2B_TITLES = [
  'VP Marketing', 'Head of Growth', 'Marketing Operations Manager', 'CTO', 'VP Engineering',
  'Director of Customer Experience', 'Head of Support', 'RevOps Lead', 'CFO', 'Data Analyst',
  'Product Manager', 'Chief Revenue Officer', 'IT Manager', 'Founder', 'Sales Director',
] as const;

// prettier-ignore
export const COMPANY_FIRST = [
  'Blue', 'North', 'Bright', 'Iron', 'Silver', 'Cedar', 'Quantum', 'Harbor', 'Summit', 'Pioneer',
  'Atlas', 'Nimbus', 'Granite', 'Vector', 'Copper', 'Lumen', 'Orbit', 'Maple', 'Falcon',
  'Evergreen', 'Coral', 'Polar', 'Crescent', 'Redwood', 'Sterling', 'Aurora', 'Beacon', 'Cobalt',
  'Delta', 'Ember',
] as const;

// prettier-ignore
export const COMPANY_SECOND = [
  'Analytics', 'Logistics', 'Health', 'Labs', 'Retail', 'Systems', 'Foods', 'Energy', 'Capital',
  'Media', 'Robotics', 'Travel', 'Insurance', 'Apparel', 'Networks', 'Bio', 'Works', 'Partners',
  'Software', 'Motors',
] as const;

export const COMPANY_SUFFIX = ['Inc', 'Ltd', 'GmbH', 'Group', 'Co', 'LLC'] as const;

// prettier-ignore
export const INDUSTRIES = [
  'retail', 'healthcare', 'financial_services', 'software', 'manufacturing', 'logistics',
  'education', 'travel', 'media', 'real_estate', 'insurance', 'telecom',
] as const;

export const PERSONAL_EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;

// prettier-ignore
export const US_AREA_CODES = [
  '212', '213', '303', '312', '404', '415', '503', '512', '602', '617', '646', '702', '713', '808',
  '917', '206',
] as const;
