// The SalesBloom web app: a React single-page app over the REST API. Pages load on demand
// (React.lazy), so the first screen downloads only the shell and the page it shows.
import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth.tsx';
import { I18nProvider, useI18n } from './i18n.tsx';
import { Layout } from './components/Layout.tsx';
import { Loading, NotFound } from './components/States.tsx';
import './styles.css';

const Login = lazy(() => import('./pages/Login.tsx'));
const Home = lazy(() => import('./pages/Home.tsx'));
const Leads = lazy(() => import('./pages/Leads.tsx'));
const LeadDetail = lazy(() => import('./pages/LeadDetail.tsx'));
const ImportWizard = lazy(() => import('./pages/Import.tsx'));
const Users = lazy(() => import('./pages/Users.tsx'));
const Tokens = lazy(() => import('./pages/Tokens.tsx'));
const Audit = lazy(() => import('./pages/Audit.tsx'));
const Pipeline = lazy(() => import('./pages/Pipeline.tsx'));
const DealDetail = lazy(() => import('./pages/DealDetail.tsx'));
const AccountDetail = lazy(() => import('./pages/AccountDetail.tsx'));
const Forecast = lazy(() => import('./pages/Forecast.tsx'));
const Customers = lazy(() => import('./pages/Customers.tsx'));
const Team = lazy(() => import('./pages/Team.tsx'));
const CompetencyModel = lazy(() => import('./pages/CompetencyModel.tsx'));
const Ratings = lazy(() => import('./pages/Ratings.tsx'));
const KnowledgeGraph = lazy(() => import('./pages/KnowledgeGraph.tsx'));
const Knowledge = lazy(() => import('./pages/Knowledge.tsx'));
const Writer = lazy(() => import('./pages/Writer.tsx'));
const Calls = lazy(() => import('./pages/Calls.tsx'));
const CallDetail = lazy(() => import('./pages/CallDetail.tsx'));
const Tasks = lazy(() => import('./pages/Tasks.tsx'));
const TaskDetail = lazy(() => import('./pages/TaskDetail.tsx'));
const Alerts = lazy(() => import('./pages/Alerts.tsx'));
const Trackers = lazy(() => import('./pages/Trackers.tsx'));
const WriterTemplates = lazy(() => import('./pages/WriterTemplates.tsx'));
const WriterDrafts = lazy(() => import('./pages/WriterDrafts.tsx'));
const Models = lazy(() => import('./pages/Models.tsx'));
const Provider = lazy(() => import('./pages/Provider.tsx'));
const AssignmentAdmin = lazy(() => import('./pages/AssignmentAdmin.tsx'));
const ScoringAdmin = lazy(() => import('./pages/ScoringAdmin.tsx'));

function RequireRole({ roles, children }: { roles: readonly string[]; children: ReactNode }) {
  const { me } = useAuth();
  const { t } = useI18n();
  if (!me || !roles.includes(me.role)) {
    return <div className="state state-error" role="alert" data-page="forbidden" data-state="forbidden">{t('state.forbidden')}</div>;
  }
  return <>{children}</>;
}

function App() {
  const { me, checking } = useAuth();
  const location = useLocation();
  if (checking) return <Loading />;
  if (!me) {
    return (
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/login" element={<Login />} />
          <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname + location.search }} />} />
        </Routes>
      </Suspense>
    );
  }
  return (
    <Routes>
      <Route path="/login" element={<Navigate to={(location.state as { from?: string } | null)?.from ?? '/'} replace />} />
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route path="leads" element={<Leads />} />
        <Route path="leads/:id" element={<LeadDetail />} />
        <Route path="pipeline" element={<Pipeline />} />
        <Route path="pipeline/:id" element={<DealDetail />} />
        <Route path="forecast" element={<Forecast />} />
        <Route path="customers" element={<Customers />} />
        <Route path="accounts/:id" element={<AccountDetail />} />
        <Route path="team" element={<Team />} />
        <Route path="team/model" element={<CompetencyModel />} />
        <Route path="team/ratings" element={<RequireRole roles={['admin', 'manager']}><Ratings /></RequireRole>} />
        <Route path="graph" element={<KnowledgeGraph />} />
        <Route path="knowledge" element={<Knowledge />} />
        <Route path="writer" element={<Writer />} />
        <Route path="writer/templates" element={<WriterTemplates />} />
        <Route path="writer/drafts" element={<WriterDrafts />} />
        <Route path="calls" element={<Calls />} />
        <Route path="calls/:id" element={<CallDetail />} />
        <Route path="calls/trackers" element={<Trackers />} />
        <Route path="tasks" element={<Tasks />} />
        <Route path="tasks/:id" element={<TaskDetail />} />
        <Route path="alerts/:id?" element={<Alerts />} />
        <Route path="admin/models" element={<RequireRole roles={['admin', 'manager']}><Models /></RequireRole>} />
        <Route path="admin/provider" element={<RequireRole roles={['admin']}><Provider /></RequireRole>} />
        <Route path="admin/assignment" element={<RequireRole roles={['admin', 'manager']}><AssignmentAdmin /></RequireRole>} />
        <Route path="admin/scoring" element={<RequireRole roles={['admin', 'manager']}><ScoringAdmin /></RequireRole>} />
        <Route path="import" element={<RequireRole roles={['admin', 'manager']}><ImportWizard /></RequireRole>} />
        <Route path="admin/users" element={<RequireRole roles={['admin']}><Users /></RequireRole>} />
        <Route path="admin/tokens" element={<RequireRole roles={['admin']}><Tokens /></RequireRole>} />
        <Route path="admin/audit" element={<RequireRole roles={['admin']}><Audit /></RequireRole>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <I18nProvider>
        <AuthProvider>
          <App />
        </AuthProvider>
      </I18nProvider>
    </BrowserRouter>
  </StrictMode>,
);
