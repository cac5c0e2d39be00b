import {
  AppstoreOutlined,
  ApiOutlined,
  AuditOutlined,
  DashboardOutlined,
  FundProjectionScreenOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import type { Role } from '../auth/session';
import { preloadable } from './preloadable';

/*
 * Each view is its own chunk, loaded when opened: the first view ships only what it draws.
 * GraphiQL and its editor (Monaco) above all are large and load only on /graphiql.
 */
const LeaderOverview = preloadable(() => import('../leader/LeaderOverview').then((m) => m.LeaderOverview));
/** The leader overview's chunk, started by the warm start: in by the first render, it draws without a fallback frame. */
export const preloadLeaderOverview = LeaderOverview.preload;
const DepartmentDashboard = lazy(() => import('../department/DepartmentDashboard').then((m) => ({ default: m.DepartmentDashboard })));
const ProjectList = lazy(() => import('../projects/ProjectList').then((m) => ({ default: m.ProjectList })));
const ProjectPage = lazy(() => import('../projects/ProjectPage').then((m) => ({ default: m.ProjectPage })));
const EntityPage = lazy(() => import('../entities/EntityPage').then((m) => ({ default: m.EntityPage })));
const GraphiQLPage = lazy(() => import('../explorer/GraphiQLPage'));
const ReviewPage = lazy(() => import('../review/ReviewPage').then((m) => ({ default: m.ReviewPage })));
const IntakeQueue = lazy(() => import('../cases/CaseLists').then((m) => ({ default: m.IntakeQueue })));
const CaseList = lazy(() => import('../cases/CaseLists').then((m) => ({ default: m.CaseList })));
const RecordReceivedPage = lazy(() => import('../cases/RecordReceivedPage').then((m) => ({ default: m.RecordReceivedPage })));
const CasePage = lazy(() => import('../cases/CasePage').then((m) => ({ default: m.CasePage })));
const InspectionsHome = lazy(() => import('../inspections/InspectionsHome').then((m) => ({ default: m.InspectionsHome })));
const PlanPage = lazy(() => import('../inspections/PlanPage').then((m) => ({ default: m.PlanPage })));
const DrawPage = lazy(() => import('../inspections/DrawPage').then((m) => ({ default: m.DrawPage })));
const InspectionPage = lazy(() => import('../inspections/InspectionPage').then((m) => ({ default: m.InspectionPage })));
const CreditWork = lazy(() => import('../credit/CreditWork').then((m) => ({ default: m.CreditWork })));

/**
 * The signed-in part of the app. A new work view is one entry here: its path, the roles that may
 * open it (the menu shows it to them only, and anyone else who opens it gets a 403 page, RoleGate)
 * and, when it belongs in the menu, its label. The home view depends on the role.
 */
export interface AppRoute {
  path: string;
  element: ReactNode;
  roles?: readonly Role[];
  menu?: { zh: string; en: string; icon: ReactNode };
  /** What the 403 page says to a role not in `roles` (RoleGate), when more than that the page is not for it. */
  refusal?: { zh: string; en: string };
  /** Rendered without the app's frame (full-window tools). */
  bare?: boolean;
}

export const HOME_BY_ROLE: Record<Role, () => ReactNode> = {
  LEADER: () => <LeaderOverview />,
  OFFICE: () => <LeaderOverview />,
  DEPT: () => <DepartmentDashboard />,
  CENTER: () => <ProjectList />,
  ENFORCER: () => <ProjectList />,
};

export const APP_ROUTES: AppRoute[] = [
  { path: '/projects', element: <ProjectList />, menu: { zh: '项目', en: 'Projects', icon: <AppstoreOutlined /> } },
  { path: '/projects/:id', element: <ProjectPage /> },
  { path: '/entities/:creditCode', element: <EntityPage /> },
  { path: '/intake', element: <IntakeQueue />, roles: ['OFFICE'], menu: { zh: '一窗受理', en: 'Intake', icon: <InboxOutlined /> } },
  { path: '/intake/new', element: <RecordReceivedPage />, roles: ['OFFICE'] },
  { path: '/cases', element: <CaseList />, roles: ['OFFICE', 'DEPT', 'LEADER'], menu: { zh: '案件办理', en: 'Cases', icon: <AuditOutlined /> } },
  { path: '/cases/:id', element: <CasePage />, roles: ['OFFICE', 'DEPT', 'LEADER', 'ENFORCER'] },
  {
    path: '/inspections',
    element: <InspectionsHome />,
    roles: ['OFFICE', 'ENFORCER', 'DEPT', 'LEADER'],
    menu: { zh: '双随机抽查', en: 'Inspections', icon: <AuditOutlined /> },
  },
  { path: '/inspections/plans/:id', element: <PlanPage />, roles: ['OFFICE', 'ENFORCER', 'DEPT', 'LEADER'] },
  { path: '/inspections/draws/:id', element: <DrawPage /> },
  { path: '/inspections/:id', element: <InspectionPage /> },
  {
    path: '/credit',
    element: <CreditWork />,
    roles: ['OFFICE', 'DEPT', 'LEADER'],
    menu: { zh: '信用管理', en: 'Credit', icon: <SafetyCertificateOutlined /> },
  },
  {
    path: '/review',
    element: <ReviewPage />,
    roles: ['LEADER', 'OFFICE'],
    refusal: { zh: '两月研判仅供区领导和综合监管办使用', en: 'The bimonthly review is for district leaders and the supervision office' },
    menu: { zh: '两月研判', en: 'Bimonthly review', icon: <FundProjectionScreenOutlined /> },
  },
  { path: '/graphiql', element: <GraphiQLPage />, bare: true, menu: { zh: '接口调试', en: 'GraphiQL', icon: <ApiOutlined /> } },
];

export const HOME_MENU = { zh: '首页', en: 'Home', icon: <DashboardOutlined /> };
