// router.js — the pages, loaded on demand, each with the resource its role
// must be allowed to read (the session's "may", from the server); the login page is the only public one.
import { createRouter, createWebHistory } from 'vue-router';
import { can, restore, session } from './session.js';

const routes = [
  { path: '/login', name: 'login', component: () => import('./pages/Login.vue'), meta: { public: true } },
  { path: '/', name: 'dashboard', component: () => import('./pages/Dashboard.vue'), meta: { res: 'measures', title: 'nav.dashboard' } },
  { path: '/projects', name: 'projects', component: () => import('./pages/Projects.vue'), meta: { res: 'projects', title: 'nav.projects' } },
  { path: '/projects/new', name: 'project-new', component: () => import('./pages/ProjectForm.vue'), meta: { res: 'projects', act: 'write', title: 'project.createTitle' } },
  { path: '/projects/:ref', name: 'project', component: () => import('./pages/ProjectDetail.vue'), meta: { res: 'projects', title: 'nav.projects' } },
  { path: '/projects/:ref/edit', name: 'project-edit', component: () => import('./pages/ProjectForm.vue'), meta: { res: 'projects', act: 'write', title: 'project.editTitle' } },
  { path: '/reports', name: 'reports', component: () => import('./pages/Reports.vue'), meta: { res: 'reports', title: 'nav.reports' } },
  { path: '/changes', name: 'changes', component: () => import('./pages/ChangeRequests.vue'), meta: { res: 'change-requests', title: 'nav.changes' } },
  { path: '/targets', name: 'targets', component: () => import('./pages/Targets.vue'), meta: { res: 'targets', title: 'nav.targets' } },
  { path: '/ranking', name: 'ranking', component: () => import('./pages/Ranking.vue'), meta: { res: 'measures', title: 'nav.ranking' } },
  { path: '/bulletins', name: 'bulletins', component: () => import('./pages/Bulletins.vue'), meta: { res: 'bulletins', title: 'nav.bulletins' } },
  { path: '/items', name: 'items', component: () => import('./pages/Items.vue'), meta: { res: 'items', title: 'nav.items' } },
  { path: '/items/:id', name: 'item', component: () => import('./pages/ItemDetail.vue'), meta: { res: 'items', title: 'items.detailTitle' } },
  { path: '/inbox', name: 'inbox', component: () => import('./pages/Inbox.vue'), meta: { res: 'units', title: 'nav.inbox' } },
  { path: '/warnings', name: 'warnings', component: () => import('./pages/Warnings.vue'), meta: { res: 'warnings', title: 'nav.warnings' } },
  { path: '/import', name: 'import', component: () => import('./pages/Import.vue'), meta: { res: 'import', act: 'write', title: 'nav.import' } },
  { path: '/users', name: 'users', component: () => import('./pages/Users.vue'), meta: { res: 'users', title: 'nav.users' } },
  { path: '/audit', name: 'audit', component: () => import('./pages/Audit.vue'), meta: { res: 'audit', title: 'nav.audit' } },
  { path: '/settings', name: 'settings', component: () => import('./pages/Settings.vue'), meta: { res: 'settings', title: 'nav.settings' } },
  // ui14 (issue #14 item 10): the project map
  { path: '/map', name: 'map', component: () => import('./pages/ProjectMap.vue'), meta: { res: 'projects', title: 'nav.map' } },
  // visits
  { path: '/schedule', name: 'schedule', component: () => import('./pages/Schedule.vue'), meta: { res: 'visits', title: 'nav.schedule' } },
  // element guarantees and demolition task books (issue #15)
  { path: '/guarantees', name: 'guarantees', component: () => import('./pages/Guarantees.vue'), meta: { res: 'supplies', title: 'nav.guarantees' } },
  { path: '/demolition', name: 'demolition', component: () => import('./pages/Demolition.vue'), meta: { res: 'demolition', title: 'nav.demolition' } },
  // policy fulfilment (h-funds)
  { path: '/applications', name: 'applications', component: () => import('./pages/Applications.vue'), meta: { res: 'applications', title: 'nav.applications' } },
  { path: '/applications/:id', name: 'application', component: () => import('./pages/ApplicationDetail.vue'), meta: { res: 'applications', title: 'funds.detailTitle' } },
  // h-leads: the lead pool
  { path: '/leads', name: 'leads', component: () => import('./pages/Leads.vue'), meta: { res: 'leads', title: 'nav.leads' } },
  { path: '/leads/:id', name: 'lead', component: () => import('./pages/LeadDetail.vue'), meta: { res: 'leads', title: 'leads.detailTitle' } },
  // revenue sharing and industrial funds
  { path: '/ledger', name: 'ledger', component: () => import('./pages/Ledger.vue'), meta: { res: 'ledger', title: 'nav.ledger' } },
  { path: '/funds', name: 'funds', component: () => import('./pages/Funds.vue'), meta: { res: 'funds', title: 'nav.funds' } },
  // leader linkage: a leader's page (我的挂钩项目)
  { path: '/leader', name: 'leader', component: () => import('./pages/Leader.vue'), meta: { res: 'leaders', title: 'nav.leader' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFound.vue'), meta: { res: 'units' } },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

router.beforeEach(async (to) => {
  if (!session.ready) await restore();
  if (to.meta.public) return session.user && to.name === 'login' ? { path: '/' } : true;
  if (!session.user) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  if (to.meta.res && !can(to.meta.res, to.meta.act || 'read')) return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') } };
  return true;
});
