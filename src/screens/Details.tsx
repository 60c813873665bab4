import { timeLeftWords, wantsRenewal } from '../services/health/certificate-warnings.js';
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DeploymentReading, DeploymentRef } from '../services/fleet/fleet-reading.js';
import { deploymentLevel, judgeService } from '../services/fleet/service-verdict.js';
import { shortBytes, uptimeOf } from '../services/fleet/units.js';
import { readingOf, type DetailsState } from '../store/details-slice.js';
import { activeScope, disabledForRoute } from './action-reasons.js';
import { fit } from './fleet-columns.js';
import { levelLook } from './health-style.js';
import { detailsKeymap } from './keymaps.js';
import { useKeymap } from './keymap.js';
import { StatusLines, statusHeight } from './StatusLines.js';
import { useAppState } from './store-context.js';
import { useTheme, type Theme } from './theme.js';
import { useConfirmKeys } from './use-confirm-keys.js';
import { useDeploymentActions } from './use-deployment-actions.js';
import { backupLines } from './details-backups.js';

type Line = { key: string; node: ReactNode };

function probeLines(reading: DeploymentReading, theme: Theme): Line[] {
  const probe = reading.status.probe;
  if (!probe) return [{ key: 'probe', node: <Text color={theme.muted}>probe  no result (the app is not running, or its record has no probe)</Text> }];
  const look = levelLook(probe.ok ? 'ok' : 'bad');
  return [
    {
      key: 'probe',
      node: (
        <Text wrap="truncate-end">
          probe  <Text color={theme[look.colour]}>{look.glyph} {probe.ok ? 'passed' : (probe.reason ?? 'failed')}</Text>
          <Text color={theme.muted}> ({Math.round(probe.durationMs)} ms)</Text>
        </Text>
      ),
    },
    ...(probe.output ?? '').split('\n').filter(Boolean).slice(0, 3).map((line, i) => ({ key: `probe-out-${i}`, node: <Text color={theme.muted} wrap="truncate-end">       {line}</Text> })),
  ];
}

function serviceLines(reading: DeploymentReading, now: number, theme: Theme): Line[] {
  const width = Math.max(8, ...reading.status.services.map((s) => s.name.length + 1));
  return reading.status.services.flatMap((s) => {
    const verdict = judgeService(s);
    const look = levelLook(verdict.level);
    const uptime = s.state === 'running' ? uptimeOf(s.startedAt, now) : undefined;
    const facts = [s.version ? `version ${s.version}` : '', uptime ? `up ${uptime}` : '', `restarts ${s.restarts ?? 0}`, s.exitCode !== undefined ? `exit ${s.exitCode}` : '', s.image ? `image ${s.image}` : ''].filter(Boolean).join('  ');
    const line: Line = {
      key: `svc-${s.name}`,
      node: (
        <Text wrap="truncate-end">
          {'  '}
          {fit(s.name, width)}
          <Text color={theme[look.colour]}>
            {look.glyph} {verdict.label}
          </Text>
          <Text color={theme.muted}>  {facts}</Text>
        </Text>
      ),
    };
    if (!verdict.reason) return [line];
    return [line, { key: `svc-why-${s.name}`, node: <Text color={theme.error} wrap="truncate-end">    why: {verdict.reason}{verdict.hint ? ` — ${verdict.hint}` : ''}</Text> }];
  });
}

function historyLines(details: DetailsState | undefined, theme: Theme): Line[] {
  const d = details?.details;
  if (!d?.history) return [];
  const muted = (key: string, text: string): Line => ({ key, node: <Text color={theme.muted} wrap="truncate-end">  {text}</Text> });
  if (d.historyError) return [muted('history-err', d.historyError)];
  if (d.history.length === 0) return [muted('history-none', 'no operations kept on the host yet')];
  return d.history.map((h, i) => muted(`history-${i}`, `${h.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}  ${h.kind}  ${h.by}  ${(h.durationMs / 1000).toFixed(1)}s  ${h.status}`));
}

function onDemandLines(details: DetailsState | undefined, theme: Theme): { disk: Line[]; logs: Line[] } {
  const loading = details?.loading && !details.details;
  const muted = (key: string, text: string): Line => ({ key, node: <Text color={theme.muted} wrap="truncate-end">  {text}</Text> });
  if (details?.error) return { disk: [muted('disk-err', details.error)], logs: [] };
  if (loading || !details?.details) return { disk: [muted('disk-wait', 'reading…')], logs: [muted('logs-wait', 'reading…')] };
  const d = details.details;
  const disk = d.diskError
    ? [muted('disk-err', d.diskError)]
    : d.disk.length === 0
      ? [muted('disk-none', 'no data paths recorded')]
      : d.disk.map((u) => muted(`disk-${u.path}`, `${u.path}  ${u.bytes !== undefined ? shortBytes(u.bytes) : (u.error ?? '?')}`));
  const logs = d.logError ? [muted('logs-err', d.logError)] : d.logTail.length === 0 ? [muted('logs-none', 'no log lines')] : d.logTail.map((l, i) => muted(`log-${i}`, `${l.source} | ${l.line}`));
  return { disk, logs };
}

/** One deployment: verdict with reason and hint, the probe's last result, services, data disk use, last log lines. */
export function Details({ width, height, isActive, deployment }: { width: number; height: number; isActive: boolean; deployment: DeploymentRef }) {
  const theme = useTheme();
  const { reading, details, now, confirm, notice, running, archiveKey, scope, hostError, backupCursor } = useAppState(
    useShallow((s) => ({ reading: readingOf(s, deployment), details: s.details, now: s.now, confirm: s.confirm, notice: s.notice, running: s.running, archiveKey: s.archiveKey, scope: activeScope(s), hostError: s.fleet[deployment.host]?.reading.error, backupCursor: s.backupCursor })),
  );
  const disabled = useAppState(useShallow(disabledForRoute));
  const actions = useAppState(useShallow((s) => ({ back: s.closeDetails, reload: s.reloadDetails, showNotice: s.showNotice, moveBackup: s.moveBackup, askRestore: s.askRestore })));
  const deploymentActions = useDeploymentActions({ ref: deployment });
  const selectedBackup = details?.details?.backups?.[backupCursor]?.archive;
  useKeymap(
    detailsKeymap,
    {
      back: actions.back,
      reload: actions.reload,
      ...deploymentActions,
      nextBackup: () => actions.moveBackup(1),
      previousBackup: () => actions.moveBackup(-1),
      restore: () => selectedBackup && void actions.askRestore(deployment, selectedBackup),
    },
    { isActive: isActive && scope === 'details', disabled, onDisabled: (binding, reason) => actions.showNotice({ tone: 'info', text: `${binding.description}: ${reason}` }) },
  );
  useConfirmKeys(isActive);

  const status = statusHeight({ confirm, notice, running, archiveKey }, width - 2);
  if (!reading) {
    return (
      <Box flexDirection="column" width={width} height={height} paddingX={1}>
        <Text bold>{deployment.name} on {deployment.host}</Text>
        <Text color={theme.muted}>{hostError ? `${deployment.host} does not answer: ${hostError.message}` : `no answer from ${deployment.host} yet`}</Text>
      </Box>
    );
  }
  const { record, status: deploymentStatus } = reading;
  const look = levelLook(deploymentLevel(deploymentStatus.health));
  const head: Line[] = [
    {
      key: 'title',
      node: (
        <Text wrap="truncate-end">
          <Text bold>{record.name}</Text> on {reading.host} · {record.app} {record.version} · {record.provider} ·{' '}
          <Text color={theme[look.colour]}>
            {look.glyph} {deploymentStatus.health}
          </Text>
        </Text>
      ),
    },
  ];
  if (deploymentStatus.health !== 'healthy' && deploymentStatus.reason) {
    head.push({ key: 'why', node: <Text color={theme.error} wrap="truncate-end">why: {deploymentStatus.reason}</Text> });
    if (deploymentStatus.hint) head.push({ key: 'hint', node: <Text color={theme.muted} wrap="truncate-end">hint: {deploymentStatus.hint}</Text> });
  }
  head.push(...probeLines(reading, theme));
  if (record.urls.length) head.push({ key: 'url', node: <Text wrap="truncate-end">url    {record.urls.join('  ')}</Text> });
  for (const cert of deploymentStatus.certificates ?? []) {
    const renew = !('error' in cert) && wantsRenewal(cert);
    const words = 'error' in cert ? { colour: theme.error, text: `cannot read it: ${cert.error}` } : { colour: renew ? theme.warn : undefined, text: `${timeLeftWords(cert)}${renew ? ' ⚠ renew it' : ''}` };
    head.push({ key: `cert-${cert.url}`, node: <Text wrap="truncate-end" color={words.colour}>cert   {cert.url}: {words.text}</Text> });
  }
  const { disk, logs } = onDemandLines(details, theme);
  const section = (title: string): Line => ({ key: `h-${title}`, node: <Text bold>{title}</Text> });
  const past = historyLines(details, theme);
  const archives = backupLines(details, backupCursor, theme);
  const body = [
    ...head,
    section('Services'),
    ...serviceLines(reading, now, theme),
    section('Data'),
    ...disk,
    ...(archives.lines.length ? [section(archives.title), ...archives.lines] : []),
    ...(past.length ? [section(`History (homelab-tui history ${record.name})`), ...past] : []),
    section('Last log lines'),
  ];
  const room = Math.max(0, height - status - body.length);
  return (
    <Box flexDirection="column" width={width} height={height} paddingX={1} overflowY="hidden">
      <Box flexDirection="column" height={height - status} overflowY="hidden">
        {[...body, ...logs.slice(-room)].map((line) => (
          <Box key={line.key}>{line.node}</Box>
        ))}
      </Box>
      <StatusLines confirm={confirm} notice={notice} running={running} archiveKey={archiveKey} keyActive={isActive && scope === 'archive-key'} />
    </Box>
  );
}
