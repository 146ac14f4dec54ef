import type { PortDetail } from '../../../../shared/model';
import { formatNumber } from '../../../../shared/domain/numbers';
import { addressLine } from '../../../../shared/domain/address';

/** The port's own data beside the document, so name, address, account and numbers can be compared. */
export function PortFacts({ port }: { port: PortDetail }) {
  const address = [addressLine(port), [port.locality, [port.region, port.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', '), port.country]
    .filter(Boolean)
    .join('\n');
  const rows: [string, string][] = [
    ['Account holder', port.billingName || port.accountName],
    ['Authorized person', port.authorizedPerson],
    ['Billing address', address],
    ['Account number', port.accountNumber],
    ['PIN', port.pin],
    ['Billing phone (BTN)', port.billingPhone],
    ['Losing carrier', port.losingCarrier],
  ];
  return (
    <aside className="dv-facts" aria-label="Port details for comparison">
      <h3 className="dv-facts-title">{port.name}</h3>
      <dl className="dv-facts-list">
        {rows.map(([label, value]) => (
          <div key={label} className="dv-fact">
            <dt>{label}</dt>
            <dd className={value ? undefined : 'muted'}>{value || 'Not set'}</dd>
          </div>
        ))}
      </dl>
      <h4 className="dv-facts-sub">
        Numbers <span className="section-count tabular">{port.numbers.length}</span>
      </h4>
      <ul className="dv-numbers tabular">
        {port.numbers.map((n) => (
          <li key={n.e164}>{formatNumber(n.e164)}</li>
        ))}
      </ul>
    </aside>
  );
}
