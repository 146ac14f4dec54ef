import { Icon, type IconName } from '../ui/Icon';

/** A screen whose feature belongs to a later issue: says what will live here. */
export function Placeholder({ title, icon, lines }: { title: string; icon: IconName; lines: string[] }) {
  return (
    <section className="placeholder" aria-labelledby="placeholder-title">
      <div className="placeholder-card">
        <span className="placeholder-icon" aria-hidden="true">
          <Icon name={icon} size={28} />
        </span>
        <h1 id="placeholder-title">{title}</h1>
        <p className="muted">Coming in this area:</p>
        <ul>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
