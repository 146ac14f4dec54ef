/** USPS codes of the states, DC and the territories whose numbers port in the NANP. */
const US_STATES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado',
  CT: 'Connecticut', DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia',
  HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas',
  KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts',
  MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico',
  NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma',
  OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota',
  TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington',
  WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming', PR: 'Puerto Rico', VI: 'U.S. Virgin Islands',
  GU: 'Guam', AS: 'American Samoa', MP: 'Northern Mariana Islands',
};

const key = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
const BY_NAME = new Map<string, string>(Object.entries(US_STATES).map(([code, name]) => [key(name), code]));
BY_NAME.set(key('Washington DC'), 'DC');
BY_NAME.set(key('Washington D.C.'), 'DC');
BY_NAME.set(key('Virgin Islands'), 'VI');

/**
 * The USPS code of a US state written as a code or a name ("il", "Illinois", "District of
 * Columbia" → IL, IL, DC); null when the text is neither. Carriers match the LOA's state on the
 * two-letter code.
 */
export function usStateCode(text: string): string | null {
  const trimmed = text.trim();
  if (/^[a-z]{2}$/i.test(trimmed)) return trimmed.toUpperCase() in US_STATES ? trimmed.toUpperCase() : null;
  return BY_NAME.get(key(trimmed)) ?? null;
}

/** The region as carriers want it for a US address: the code when recognisable, else unchanged. */
export function normalizeUsRegion(text: string): string {
  return usStateCode(text) ?? text.trim();
}
