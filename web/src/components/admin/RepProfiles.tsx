// Rep rules for lead assignment: every rep's capacity, quota, territories, languages, products,
// working hours, absences and whether they accept leads (GET /api/v1/assignment/profiles), edited
// one rep at a time (PUT /api/v1/assignment/profiles/:user_id).
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import type { AsyncState } from '../../useAsync.ts';
import { AsyncBlock } from '../Async.tsx';
import { ErrorState } from '../States.tsx';

export interface WorkingHours { days: number[]; start_hour: number; end_hour: number; utc_offset_hours: number }
export interface Profile {
  user_id: string;
  name: string;
  stored: boolean;
  max_open_leads: number;
  quota_per_period: number | null;
  quota_period: 'week' | 'month';
  territories: string[];
  languages: string[];
  products: string[];
  working_hours: WorkingHours | null;
  absences: { from: string; to: string }[];
  accepting: boolean;
  updated_at: string | null;
}

const DAY_NAMES = (locale: string) => [0, 1, 2, 3, 4, 5, 6].map((d) => new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2023, 0, 1 + d))));
const list = (s: string) => s.split(/[,，]/).map((x) => x.trim()).filter(Boolean);
const dateOnly = (iso: string) => iso.slice(0, 10);

export function RepProfiles({ state, canEdit }: { state: AsyncState<Profile[]>; canEdit: boolean }) {
  const { t, locale, formatDate, formatNumber } = useI18n();
  const [editing, setEditing] = useState<Profile | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const days = DAY_NAMES(locale);
  const hours = (wh: WorkingHours | null) => wh ? `${wh.days.map((d) => days[d]).join(' ')} ${wh.start_hour}:00–${wh.end_hour}:00 (UTC${wh.utc_offset_hours >= 0 ? '+' : ''}${wh.utc_offset_hours})` : t('asg.always');
  const listText = (xs: string[]) => (xs.length ? xs.join(', ') : <span className="muted">{t('asg.any')}</span>);
  return (
    <>
      {saved && <p className="notice notice-ok" role="status">{saved}</p>}
      <AsyncBlock state={state} what="GET /api/v1/assignment/profiles" isEmpty={(p) => p.length === 0} empty={t('asg.noProfiles')} testId="profiles">
        {(profiles) => (
          <div className="table-scroll">
            <table className="table table-compact" data-testid="profiles-table">
              <thead>
                <tr>
                  <th scope="col">{t('asg.rep')}</th><th scope="col">{t('asg.accepting')}</th><th scope="col">{t('asg.capacity')}</th><th scope="col">{t('asg.quota')}</th>
                  <th scope="col">{t('asg.territories')}</th><th scope="col">{t('asg.languages')}</th><th scope="col">{t('asg.products')}</th><th scope="col">{t('asg.hours')}</th><th scope="col">{t('asg.absences')}</th>
                  {canEdit && <th scope="col"><span className="sr-only">{t('asg.editShort')}</span></th>}
                </tr>
              </thead>
              <tbody>
                {profiles.map((p) => (
                  <tr key={p.user_id} data-rep-id={p.user_id} className={editing?.user_id === p.user_id ? 'row-selected' : ''}>
                    <th scope="row">{p.name} {!p.stored && <span className="badge">{t('asg.defaults')}</span>}</th>
                    <td>{p.accepting ? t('asg.yes') : <span className="badge badge-disqualified">{t('asg.no')}</span>}</td>
                    <td data-field="max_open_leads">{formatNumber(p.max_open_leads)}</td>
                    <td>{p.quota_per_period == null ? <span className="muted">{t('asg.noQuota')}</span> : t('asg.quotaPer', { count: formatNumber(p.quota_per_period), period: t(`asg.period.${p.quota_period}`) })}</td>
                    <td>{listText(p.territories)}</td>
                    <td data-field="languages">{listText(p.languages)}</td>
                    <td>{listText(p.products)}</td>
                    <td className="small">{hours(p.working_hours)}</td>
                    <td className="small">{p.absences.length ? p.absences.map((a) => `${formatDate(a.from)}–${formatDate(a.to)}`).join('; ') : <span className="muted">—</span>}</td>
                    {canEdit && <td><button type="button" className="btn btn-ghost" aria-label={t('asg.edit', { name: p.name })} onClick={() => { setSaved(null); setEditing(p); }}>{t('asg.editShort')}</button></td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncBlock>
      {editing && (
        <ProfileEditor
          key={editing.user_id}
          profile={editing}
          onCancel={() => setEditing(null)}
          onSaved={(p) => { setEditing(null); setSaved(t('asg.saved', { name: p.name })); state.reload(); }}
        />
      )}
    </>
  );
}

function ProfileEditor({ profile, onCancel, onSaved }: { profile: Profile; onCancel: () => void; onSaved: (p: Profile) => void }) {
  const { t, locale } = useI18n();
  const days = DAY_NAMES(locale);
  const [accepting, setAccepting] = useState(profile.accepting);
  const [capacity, setCapacity] = useState(String(profile.max_open_leads));
  const [quota, setQuota] = useState(profile.quota_per_period == null ? '' : String(profile.quota_per_period));
  const [period, setPeriod] = useState(profile.quota_period);
  const [territories, setTerritories] = useState(profile.territories.join(', '));
  const [languages, setLanguages] = useState(profile.languages.join(', '));
  const [products, setProducts] = useState(profile.products.join(', '));
  const [limitHours, setLimitHours] = useState(profile.working_hours !== null);
  const wh0 = profile.working_hours ?? { days: [1, 2, 3, 4, 5], start_hour: 9, end_hour: 18, utc_offset_hours: 0 };
  const [whDays, setWhDays] = useState<number[]>(wh0.days);
  const [start, setStart] = useState(String(wh0.start_hour));
  const [end, setEnd] = useState(String(wh0.end_hour));
  const [offset, setOffset] = useState(String(wh0.utc_offset_hours));
  const [absences, setAbsences] = useState(profile.absences.map((a) => ({ from: dateOnly(a.from), to: dateOnly(a.to) })));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = {
        accepting,
        max_open_leads: Number(capacity),
        quota_per_period: quota.trim() === '' ? null : Number(quota),
        quota_period: period,
        territories: list(territories),
        languages: list(languages),
        products: list(products),
        working_hours: limitHours ? { days: whDays, start_hour: Number(start), end_hour: Number(end), utc_offset_hours: Number(offset) } : null,
        absences: absences.filter((a) => a.from && a.to).map((a) => ({ from: `${a.from}T00:00:00.000Z`, to: `${a.to}T00:00:00.000Z` })),
      };
      onSaved(await api<Profile>(`/api/v1/assignment/profiles/${profile.user_id}`, { method: 'PUT', body }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const id = (k: string) => `pe-${profile.user_id}-${k}`;
  return (
    <form className="card profile-editor" onSubmit={(e) => void submit(e)} aria-labelledby={id('title')} data-testid="profile-editor">
      <h3 id={id('title')}>{t('asg.editing', { name: profile.name })}</h3>
      {error != null && <ErrorState error={error} />}
      <div className="form-grid">
        <label className="field field-inline"><input type="checkbox" checked={accepting} onChange={(e) => setAccepting(e.target.checked)} data-testid="profile-accepting" /><span>{t('asg.accepting')}</span></label>
        <label className="field"><span>{t('asg.capacity')}</span><input type="number" min={0} max={100000} step={1} required value={capacity} onChange={(e) => setCapacity(e.target.value)} data-testid="profile-capacity" /></label>
        <label className="field"><span>{t('asg.quotaField')}</span><input type="number" min={0} max={100000} step={1} value={quota} onChange={(e) => setQuota(e.target.value)} /></label>
        <label className="field"><span>{t('asg.quotaPeriod')}</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value as 'week' | 'month')}>
            {(['week', 'month'] as const).map((p) => <option key={p} value={p}>{t(`asg.period.${p}`)}</option>)}
          </select>
        </label>
        <label className="field"><span>{t('asg.territories')}</span><input value={territories} onChange={(e) => setTerritories(e.target.value)} placeholder={t('asg.listHelp')} /></label>
        <label className="field"><span>{t('asg.languages')}</span><input value={languages} onChange={(e) => setLanguages(e.target.value)} placeholder={t('asg.listHelp')} data-testid="profile-languages" /></label>
        <label className="field"><span>{t('asg.products')}</span><input value={products} onChange={(e) => setProducts(e.target.value)} placeholder={t('asg.listHelp')} /></label>
      </div>
      <fieldset className="editor-group">
        <legend>{t('asg.hours')}</legend>
        <label className="field field-inline"><input type="checkbox" checked={limitHours} onChange={(e) => setLimitHours(e.target.checked)} /><span>{t('asg.limitHours')}</span></label>
        {limitHours && (
          <div className="form-row">
            <fieldset className="day-picker">
              <legend className="small">{t('asg.days')}</legend>
              {days.map((name, d) => (
                <label key={d} className="field-inline small">
                  <input type="checkbox" checked={whDays.includes(d)} onChange={(e) => setWhDays((xs) => (e.target.checked ? [...xs, d].sort() : xs.filter((x) => x !== d)))} /> {name}
                </label>
              ))}
            </fieldset>
            <label className="field"><span>{t('asg.start')}</span><input type="number" min={0} max={24} value={start} onChange={(e) => setStart(e.target.value)} /></label>
            <label className="field"><span>{t('asg.end')}</span><input type="number" min={0} max={24} value={end} onChange={(e) => setEnd(e.target.value)} /></label>
            <label className="field"><span>{t('asg.offset')}</span><input type="number" min={-14} max={14} step={0.5} value={offset} onChange={(e) => setOffset(e.target.value)} /></label>
          </div>
        )}
      </fieldset>
      <fieldset className="editor-group">
        <legend>{t('asg.absences')}</legend>
        {absences.length === 0 && <p className="muted small">{t('asg.noAbsences')}</p>}
        {absences.map((a, i) => (
          <div className="form-row" key={i}>
            <label className="field"><span>{t('asg.absenceFrom')}</span><input type="date" value={a.from} required onChange={(e) => setAbsences((xs) => xs.map((x, j) => (j === i ? { ...x, from: e.target.value } : x)))} /></label>
            <label className="field"><span>{t('asg.absenceTo')}</span><input type="date" value={a.to} required onChange={(e) => setAbsences((xs) => xs.map((x, j) => (j === i ? { ...x, to: e.target.value } : x)))} /></label>
            <button type="button" className="btn btn-ghost" onClick={() => setAbsences((xs) => xs.filter((_, j) => j !== i))}>{t('asg.removeAbsence', { n: i + 1 })}</button>
          </div>
        ))}
        <button type="button" className="btn btn-ghost" onClick={() => setAbsences((xs) => [...xs, { from: '', to: '' }])}>{t('asg.addAbsence')}</button>
      </fieldset>
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="profile-save">{t('asg.save')}</button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>{t('asg.cancel')}</button>
      </div>
    </form>
  );
}

