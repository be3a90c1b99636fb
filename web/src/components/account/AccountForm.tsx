// The account's edit form: changed fields only, through the generic CRUD PATCH.
import { useMemo, useState, type FormEvent } from 'react';
import { api, ApiError, type User } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { scalar, type AccountRow } from './types.ts';

const TEXT_FIELDS = [
  ['name', 'account.name'],
  ['industry', 'account.industry'],
  ['region', 'account.region'],
  ['country', 'account.country'],
  ['website', 'account.website'],
] as const;
const NUMBER_FIELDS = [
  ['employees', 'account.employees', true],
  ['annual_revenue', 'account.revenue', false],
] as const;

export function AccountForm({ account: a, users, onCancel, onSaved }: { account: AccountRow; users: Map<string, User>; onCancel(): void; onSaved(): void }) {
  const { t } = useI18n();
  const attrs = Object.entries(a.attributes ?? {}).filter(([, v]) => scalar(v) || v === null);
  const [values, setValues] = useState<Record<string, string>>(() => {
    const v: Record<string, string> = {};
    for (const [k] of TEXT_FIELDS) v[k] = (a[k] as string | null) ?? '';
    for (const [k] of NUMBER_FIELDS) v[k] = a[k] == null ? '' : String(a[k]);
    v.owner_id = a.owner_id ?? '';
    for (const [k, x] of attrs) v[`attr:${k}`] = x == null ? '' : String(x);
    return v;
  });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const people = useMemo(() => [...users.values()].filter((u) => u.active || u.id === a.owner_id).sort((x, y) => x.name.localeCompare(y.name)), [users, a.owner_id]);
  const set = (k: string) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const patch: Record<string, unknown> = {};
    const name = values.name.trim();
    if (!name) return setError(t('account.nameRequired'));
    for (const [k] of TEXT_FIELDS) {
      const v = values[k].trim();
      if (v !== ((a[k] as string | null) ?? '')) patch[k] = v === '' ? null : v;
    }
    for (const [k, label, integer] of NUMBER_FIELDS) {
      const raw = values[k].trim().replace(/[,\s]/g, '');
      const n = raw === '' ? null : Number(raw);
      if (n !== null && (!Number.isFinite(n) || (integer && !Number.isInteger(n)))) return setError(t('account.notNumber', { field: t(label) }));
      if (n !== a[k]) patch[k] = n;
    }
    if ((values.owner_id || null) !== a.owner_id) patch.owner_id = values.owner_id || null;
    const nextAttrs: Record<string, unknown> = { ...(a.attributes ?? {}) };
    let attrsChanged = false;
    for (const [k, old] of attrs) {
      const raw = values[`attr:${k}`].trim();
      let v: unknown = raw;
      if (typeof old === 'number') {
        v = raw === '' ? null : Number(raw);
        if (v !== null && !Number.isFinite(v as number)) return setError(t('account.notNumber', { field: k }));
      } else if (typeof old === 'boolean') v = raw === 'true';
      else if (raw === '') v = null;
      if (v !== old) { nextAttrs[k] = v; attrsChanged = true; }
    }
    if (attrsChanged) patch.attributes = nextAttrs;
    if (Object.keys(patch).length === 0) return onCancel();
    setSaving(true);
    try {
      await api(`/api/v1/accounts/${a.id}`, { method: 'PATCH', body: patch });
      onSaved();
    } catch (err) {
      const problem = err instanceof ApiError ? err.problem : null;
      setError([err instanceof Error ? err.message : String(err), ...(problem?.errors ?? []).map((x) => `${x.field ?? ''} ${x.reason}`)].join(' · '));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card" aria-labelledby="account-edit-title">
      <h2 id="account-edit-title">{t('account.editTitle')}</h2>
      <form onSubmit={(e) => void submit(e)} data-testid="account-form" noValidate>
        <div className="form-grid">
          {TEXT_FIELDS.map(([k, label]) => (
            <label className="field" key={k}>
              <span>{t(label)}</span>
              <input value={values[k]} onChange={set(k)} required={k === 'name'} data-testid={`account-input-${k}`} />
            </label>
          ))}
          {NUMBER_FIELDS.map(([k, label]) => (
            <label className="field" key={k}>
              <span>{t(label)}</span>
              <input value={values[k]} onChange={set(k)} inputMode="decimal" data-testid={`account-input-${k}`} />
            </label>
          ))}
          <label className="field">
            <span>{t('account.owner')}</span>
            <select value={values.owner_id} onChange={set('owner_id')} data-testid="account-input-owner_id">
              <option value="">{t('account.noOwner')}</option>
              {people.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          </label>
        </div>
        {attrs.length > 0 && (
          <fieldset className="form-grid">
            <legend>{t('account.attributes')}</legend>
            {attrs.map(([k, old]) => (
              <label className="field" key={k}>
                <span>{k}</span>
                {typeof old === 'boolean'
                  ? <select value={values[`attr:${k}`]} onChange={set(`attr:${k}`)} data-testid={`account-attr-${k}`}><option value="true">{t('common.yes')}</option><option value="false">{t('common.no')}</option></select>
                  : <input value={values[`attr:${k}`]} onChange={set(`attr:${k}`)} data-testid={`account-attr-${k}`} />}
              </label>
            ))}
          </fieldset>
        )}
        {error && <p className="form-error" role="alert" data-testid="account-form-error">{error}</p>}
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={saving} data-testid="account-save">{saving ? t('account.saving') : t('account.save')}</button>
          <button type="button" className="btn" onClick={onCancel} disabled={saving}>{t('account.cancel')}</button>
        </div>
      </form>
    </section>
  );
}

