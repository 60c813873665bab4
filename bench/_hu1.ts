import { loadavg } from 'node:os';
import { measureDashboardRender } from '/work/wt/ui/bench/dashboard-render.js';
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const before = load();
const r = await measureDashboardRender(160, 50);
console.log(`160x50 p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} max ${r.max.toFixed(1)} ink p95 ${r.inkP95.toFixed(1)} load start ${before} end ${load()}`);
