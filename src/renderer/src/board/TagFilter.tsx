import { useKnownTags } from './useKnownTags';

/** One local tag at a time; hidden until some port carries a tag. */
export function TagFilter({ value, onChange }: { value: string; onChange(value: string): void }) {
  const tags = useKnownTags();
  if (tags.length === 0 && value === '') return null;
  return (
    <select className="select input-select input-select-tag" aria-label="Tag" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">All tags</option>
      {tags.map((t) => (
        <option key={t} value={t}>
          {t}
        </option>
      ))}
    </select>
  );
}
