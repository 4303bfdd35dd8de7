// main.js — the app: router, i18n, the Element Plus components it uses
// (imported one by one, so the bundle holds only those), and the styles.
import { createApp } from 'vue';
import {
  ElAlert, ElAside, ElButton, ElCard, ElCheckbox, ElCheckboxGroup, ElCol, ElConfigProvider,
  ElContainer, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog, ElDivider, ElDrawer, ElDropdown,
  ElDropdownItem, ElDropdownMenu, ElEmpty, ElForm, ElFormItem, ElHeader, ElIcon, ElInput, ElLink,
  ElLoading, ElMain, ElMenu, ElMenuItem, ElOption, ElPagination, ElPopover, ElProgress,
  ElRadio, ElRadioButton, ElRadioGroup, ElRow, ElSelect, ElSkeleton, ElStep, ElSteps, ElSwitch,
  ElTabPane, ElTable, ElTableColumn, ElTabs, ElTag, ElTooltip, ElBadge, ElTimeline,
  ElTimelineItem,
} from 'element-plus';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { i18n } from './i18n.js';
import { router } from './router.js';
import { setUnauthorizedHandler } from './api.js';
import { sessionEnded } from './session.js';
import './style.css';

const app = createApp(App);
for (const c of [
  ElAlert, ElAside, ElButton, ElCard, ElCheckbox, ElCheckboxGroup, ElCol, ElConfigProvider,
  ElContainer, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog, ElDivider, ElDrawer, ElDropdown,
  ElDropdownItem, ElDropdownMenu, ElEmpty, ElForm, ElFormItem, ElHeader, ElIcon, ElInput, ElLink,
  ElMain, ElMenu, ElMenuItem, ElOption, ElPagination, ElPopover, ElProgress,
  // ElRadioButton and ElRadioGroup install nothing by themselves: ElRadio registers all three.
  ElRadio, ElRadioButton, ElRadioGroup, ElRow, ElSelect, ElSkeleton, ElStep, ElSteps, ElSwitch,
  ElTabPane, ElTable, ElTableColumn, ElTabs, ElTag, ElTooltip, ElBadge, ElTimeline,
  ElTimelineItem,
]) {
  app.use(c);
}
app.use(ElLoading);
app.use(i18n);
app.use(router);

// A session that ends (expired, logged out elsewhere) sends the user to log in.
setUnauthorizedHandler(() => {
  sessionEnded();
  const here = router.currentRoute.value;
  if (here.name !== 'login') router.push({ name: 'login', query: { next: here.fullPath } });
});

document.documentElement.lang = i18n.global.locale.value;
app.mount('#app');
