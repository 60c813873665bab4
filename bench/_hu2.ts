import { loadavg } from 'node:os';
import { measureDashboardRender } from './dashboard-render.js';
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const before = load();
const cpu0 = process.cpuUsage();
const r = await measureDashboardRender(160, 50);
const cpu = process.cpuUsage(cpu0);
console.log(`160x50 p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} max ${r.max.toFixed(1)} ink p95 ${r.inkP95.toFixed(1)} cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms load start ${before} end ${load()}`);
