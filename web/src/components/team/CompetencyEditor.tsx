// One competency of the model: names (English, Chinese), description, and its evidence metrics
// with weight, share of the total and direction. Read-only for reps.
import { useI18n } from '../../i18n.tsx';
import { parseWeight, slug, uid, weightOk, weightSum, MAX_WEIGHT, type CompetencyIssues, type DraftCompetency, type MetricInfo } from './modelDraft.ts';

export function CompetencyEditor({ comp, index, catalog, issues, readOnly, onChange, onRemove }: {
  comp: DraftCompetency;
  index: number;
  catalog: MetricInfo[];
  issues?: CompetencyIssues;
  readOnly: boolean;
  onChange: (next: DraftCompetency) => void;
  onRemove: () => void;
}) {
  const { t, tOr, locale, formatPercent, formatDecimal } = useI18n();
  const id = `cm-${comp.uid}`;
  const sum = weightSum(comp);
  const labelOf = (metric: string) => tOr(`cm.m.${metric}`, catalog.find((m) => m.metric === metric)?.label ?? metric);
  const sourceOf = (metric: string) => catalog.find((m) => m.metric === metric)?.source ?? '';
  const title = (locale === 'zh' && comp.label_zh.trim()) || comp.label.trim() || t('cm.newCompetency');
  const other = locale === 'zh' ? comp.label.trim() : comp.label_zh.trim();
  const set = (patch: Partial<DraftCompetency>) => onChange({ ...comp, ...patch });
  const setMetric = (muid: string, patch: Partial<DraftCompetency['metrics'][number]>) => set({ metrics: comp.metrics.map((m) => (m.uid === muid ? { ...m, ...patch } : m)) });
  const unused = catalog.find((m) => !comp.metrics.some((x) => x.metric === m.metric));
  const errId = (what: string) => `${id}-${what}-err`;

  return (
    <section className="card cm-competency" aria-labelledby={`${id}-title`} data-testid="cm-competency" data-key={comp.key}>
      <div className="card-header">
        <h2 id={`${id}-title`}>
          <span className="muted small">{index + 1}.</span> {title}
          {other && other !== title && <span className="muted cm-other-name"> · {other}</span>}
        </h2>
        {!readOnly && <button type="button" className="btn btn-ghost btn-danger" onClick={onRemove} aria-label={`${t('cm.removeCompetency')}: ${title}`}>{t('cm.removeCompetency')}</button>}
      </div>
      {readOnly ? (
        comp.description && <p>{comp.description}</p>
      ) : (
        <div className="cm-names">
          <label className="field">
            <span>{t('cm.labelEn')}</span>
            <input value={comp.label} maxLength={80} aria-invalid={issues?.label ? true : undefined} aria-describedby={issues?.label ? errId('label') : undefined}
              onChange={(e) => set({ label: e.target.value, ...(comp.isNew && !comp.keyTouched ? { key: slug(e.target.value) } : {}) })} data-testid="cm-label" />
            {issues?.label && <span className="form-error small" id={errId('label')}>{t('cm.err.label')}</span>}
          </label>
          <label className="field">
            <span>{t('cm.labelZh')}</span>
            <input value={comp.label_zh} maxLength={80} lang="zh-CN" onChange={(e) => set({ label_zh: e.target.value })} data-testid="cm-label-zh" />
          </label>
          <label className="field">
            <span>{t('cm.key')} <span className="muted small">({t('cm.keyHint')})</span></span>
            <input value={comp.key} maxLength={40} readOnly={!comp.isNew} aria-invalid={issues?.key ? true : undefined} aria-describedby={issues?.key ? errId('key') : undefined}
              onChange={(e) => set({ key: e.target.value, keyTouched: true })} data-testid="cm-key" />
            {issues?.key && <span className="form-error small" id={errId('key')}>{t(issues.key === 'key' ? 'cm.err.key' : 'cm.err.keyTwice')}</span>}
          </label>
          <label className="field cm-description">
            <span>{t('cm.description')}</span>
            <textarea rows={2} maxLength={500} value={comp.description} onChange={(e) => set({ description: e.target.value })} />
          </label>
        </div>
      )}
      <div className="table-scroll">
        <table className="table table-compact cm-metrics">
          <caption className="sr-only">{t('cm.evidence')}: {title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cm.metric')}</th>
              <th scope="col">{t('cm.source')}</th>
              <th scope="col">{t('cm.weight')}</th>
              <th scope="col">{t('cm.share')}</th>
              <th scope="col">{t('cm.direction')}</th>
              {!readOnly && <th scope="col"><span className="sr-only">{t('common.delete')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {comp.metrics.map((m) => {
              const w = parseWeight(m.weight);
              const share = weightOk(m.weight) && sum > 0 ? w! / sum : null;
              const bad = issues?.weights.has(m.uid);
              return (
                <tr key={m.uid} data-metric={m.metric}>
                  <td>
                    {readOnly ? labelOf(m.metric) : (
                      <select value={m.metric} onChange={(e) => setMetric(m.uid, { metric: e.target.value })} aria-label={t('cm.metric')} aria-invalid={issues?.dupes.has(m.metric) ? true : undefined} data-testid="cm-metric">
                        {catalog.map((c) => <option key={c.metric} value={c.metric}>{labelOf(c.metric)}</option>)}
                      </select>
                    )}
                    {issues?.dupes.has(m.metric) && <div className="form-error small">{t('cm.err.metricTwice', { metric: labelOf(m.metric) })}</div>}
                  </td>
                  <td className="muted small">{tOr(`cm.src.${sourceOf(m.metric)}`, sourceOf(m.metric))}</td>
                  <td>
                    {readOnly ? formatDecimal(w, 2) : (
                      <>
                        <input className="cm-weight" type="number" inputMode="decimal" min={0} max={MAX_WEIGHT} step={0.25} value={m.weight}
                          aria-label={`${t('cm.weight')}: ${labelOf(m.metric)}`} aria-invalid={bad ? true : undefined}
                          onChange={(e) => setMetric(m.uid, { weight: e.target.value })} data-testid="cm-weight" />
                        {bad && <div className="form-error small">{t('cm.err.weight')}</div>}
                      </>
                    )}
                  </td>
                  <td>
                    <span className="cm-share" aria-hidden="true"><span style={{ width: `${Math.round((share ?? 0) * 100)}%` }} /></span>
                    <span className="small">{formatPercent(share)}</span>
                  </td>
                  <td>
                    {readOnly ? t(m.direction === 1 ? 'cm.higher' : 'cm.lower') : (
                      <select value={m.direction} onChange={(e) => setMetric(m.uid, { direction: Number(e.target.value) as 1 | -1 })} aria-label={`${t('cm.direction')}: ${labelOf(m.metric)}`}>
                        <option value={1}>{t('cm.higher')}</option>
                        <option value={-1}>{t('cm.lower')}</option>
                      </select>
                    )}
                  </td>
                  {!readOnly && (
                    <td>
                      <button type="button" className="btn btn-ghost" onClick={() => set({ metrics: comp.metrics.filter((x) => x.uid !== m.uid) })} aria-label={t('cm.removeMetric', { metric: labelOf(m.metric) })} title={t('cm.removeMetric', { metric: labelOf(m.metric) })}>✕</button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr className="row-total">
              <td colSpan={2}>{t('cm.weightSum', { sum: formatDecimal(sum, 2) })}</td>
              <td colSpan={readOnly ? 3 : 4}>
                {!readOnly && (
                  <button type="button" className="btn" disabled={!catalog.length} data-testid="cm-add-metric"
                    onClick={() => set({ metrics: [...comp.metrics, { uid: uid(), metric: (unused ?? catalog[0]).metric, weight: '1', direction: 1 }] })}>
                    + {t('cm.addMetric')}
                  </button>
                )}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {issues?.noMetric && <p className="form-error" role="alert">{t('cm.err.noMetric')}</p>}
    </section>
  );
}
