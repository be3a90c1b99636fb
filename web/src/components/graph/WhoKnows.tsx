// "Who in the company knows this account": people ranked by ownership, deals, wins and activities.
import { api, withQuery } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { useAsync } from '../../useAsync.ts';
import { AsyncBlock } from '../Async.tsx';
import { Empty } from '../States.tsx';

export interface WhoKnowsRow {
  user_id: string; name: string; team: string | null; score: number;
  evidence: { owns_account: boolean; deals_owned: number; deals_won: number; won_amount: number; activities: number; calls: number; last_interaction_at: string | null };
}

export function WhoKnows({ accountId }: { accountId: string | null }) {
  const { t, formatDecimal, formatMoney, formatDate, formatNumber } = useI18n();
  const state = useAsync((signal) => (accountId ? api<{ account: { id: string; name: string }; data: WhoKnowsRow[] }>(withQuery('/api/v1/graph/who-knows', { account_id: accountId, limit: 10 }), { signal }) : Promise.resolve(null)), [accountId]);
  if (!accountId) return <Empty>{t('kg.pickAccount')}</Empty>;
  return (
    <AsyncBlock state={state} what="GET /api/v1/graph/who-knows" isEmpty={(d) => !d || d.data.length === 0} empty={t('kg.nobody')} testId="who-knows">
      {(d) => d && (
        <div className="table-scroll">
          <table className="table table-compact" data-testid="who-knows-table" data-account={d.account.id}>
            <caption className="sr-only">{t('kg.whoKnows')}: {d.account.name}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kg.person')}</th><th scope="col">{t('kg.team')}</th><th scope="col">{t('kg.score')}</th>
                <th scope="col">{t('kg.deals')}</th><th scope="col">{t('kg.won')}</th><th scope="col">{t('kg.wonAmount')}</th>
                <th scope="col">{t('kg.activities')}</th><th scope="col">{t('kg.last')}</th>
              </tr>
            </thead>
            <tbody>
              {d.data.map((r) => (
                <tr key={r.user_id}>
                  <td>{r.name}{r.evidence.owns_account && <> <span className="chip chip-ok">{t('kg.ownsAccount')}</span></>}</td>
                  <td>{r.team ?? '—'}</td>
                  <td><strong>{formatDecimal(r.score, 1)}</strong></td>
                  <td>{formatNumber(r.evidence.deals_owned)}</td>
                  <td>{formatNumber(r.evidence.deals_won)}</td>
                  <td>{formatMoney(r.evidence.won_amount, 'USD', true)}</td>
                  <td>{formatNumber(r.evidence.activities)} <span className="muted small">({t('kg.calls')} {formatNumber(r.evidence.calls)})</span></td>
                  <td>{formatDate(r.evidence.last_interaction_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AsyncBlock>
  );
}
