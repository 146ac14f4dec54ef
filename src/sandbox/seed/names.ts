/** Realistic-looking but fictional customer data for the demo seed. */
export const BUSINESSES = [
  'Maple Street Bakery', 'Riverside Veterinary Clinic', 'Summit Peak Accounting', 'Oakwood Family Dentistry',
  'Lakeshore Auto Repair', 'Golden Gate Florist', 'Copperline Plumbing', 'Evergreen Law Offices',
  'Silver Birch Yoga Studio', 'Pinecrest Insurance Agency', 'Harborview Marine Supply', 'Redwood Coffee Roasters',
  'Brightside Pediatrics', 'Granite State Movers', 'Willow Creek Pharmacy', 'Sunset Boulevard Salon',
  'Ironbridge Construction', 'Meadowlark Preschool', 'Bluewater Fitness', 'Foxglove Interior Design',
  'Stonegate Property Management', 'Crescent City Chiropractic', 'Tall Pines Hardware', 'Juniper Tax Services',
];
export const PEOPLE = [
  'Maria Gonzalez', 'James Whitfield', 'Aisha Khan', 'Robert Chen', 'Linda Okafor', 'David Kowalski',
  'Priya Raman', 'Thomas Becker', 'Sofia Rossi', 'Kevin O\'Brien', 'Grace Liu', 'Samuel Adeyemi',
];
export const STREETS = ['Main St', 'Oak Ave', 'Pine St', 'Market St', 'Broadway', 'Elm St', 'Lake Shore Dr', 'Mission St'];
/** City, state, ZIP, NPA. */
export const PLACES: [string, string, string, string][] = [
  ['Washington', 'DC', '20001', '202'], ['New York', 'NY', '10001', '212'], ['Los Angeles', 'CA', '90012', '213'],
  ['Chicago', 'IL', '60601', '312'], ['San Francisco', 'CA', '94103', '415'], ['Portland', 'OR', '97201', '503'],
  ['Boston', 'MA', '02108', '617'], ['Charlotte', 'NC', '28202', '704'], ['Honolulu', 'HI', '96813', '808'],
  ['Miami', 'FL', '33130', '305'], ['Atlanta', 'GA', '30303', '404'], ['Austin', 'TX', '78701', '512'],
  ['Phoenix', 'AZ', '85004', '602'], ['Denver', 'CO', '80202', '303'], ['Seattle', 'WA', '98101', '206'],
  ['Minneapolis', 'MN', '55401', '612'], ['Nashville', 'TN', '37203', '615'], ['Salt Lake City', 'UT', '84101', '801'],
];
