import type { PortFields } from '../../src/shared/model';

/** Every field the LOA and submit readiness ask for, filled in as a real customer's would be. */
export const READY_FIELDS = {
  losingCarrier: 'Verizon',
  winningCarrier: 'Bandwidth',
  accountName: 'Acme',
  billingName: 'Acme LLC',
  authorizedPerson: 'Maria Lopez',
  billingPhone: '+12025550100',
  street: '100 Main St',
  locality: 'Washington',
  region: 'DC',
  postalCode: '20001',
  country: 'US',
  accountNumber: '123456789',
} satisfies Partial<PortFields>;
