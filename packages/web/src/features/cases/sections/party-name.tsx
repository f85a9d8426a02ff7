import type { Party } from '@opennrm/domain';

/** A party's name, and its Arabic name when it has one, each in its own direction. */
export function PartyName({ party }: { party: Pick<Party, 'name' | 'nameAr'> }) {
  return (
    <span className="names">
      <bdi dir="auto">{party.name}</bdi>
      {party.nameAr ? (
        <bdi className="names__arabic" dir="rtl" lang="ar">
          {party.nameAr}
        </bdi>
      ) : null}
    </span>
  );
}
