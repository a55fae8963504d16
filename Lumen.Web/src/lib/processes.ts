// The host page's processes table and the settings' processes section: what the hub serves
// (GET /api/hosts/{id}/processes, the four processes_* settings) and the checks a save needs.

/** One of the host's busiest processes as its agent sent it: CPU in % of one core (as top), memory in MiB, the command line already redacted by the agent. */
export interface ProcessRow {
  pid: number;
  name: string;
  user: string;
  cpu_pct: number;
  rss_mb: number;
  cmd: string;
}

/** The processes of the host's latest frame; `ts` is that frame's, null when it listed none. */
export interface HostProcesses {
  host_id: number;
  ts: string | null;
  processes: ProcessRow[];
}

export type ProcessSortBy = 'cpu' | 'mem';

/** The processes' settings as /api/settings gives them. */
export interface ProcessSettings {
  processes_enabled: boolean;
  processes_top_n: number;
  processes_sort_by: ProcessSortBy;
  processes_redact_regex: string;
}

export type ProcessSettingKey = keyof ProcessSettings;
export const PROCESS_SETTING_KEYS: ProcessSettingKey[] = ['processes_enabled', 'processes_top_n', 'processes_sort_by', 'processes_redact_regex'];

/** The hub's bounds (the Go hub's): 1 to 50 processes a frame; a pattern of at most 512 characters. */
export const TOP_N_MIN = 1;
export const TOP_N_MAX = 50;
export const REDACT_REGEX_MAX = 512;

export type ProcessProblems = Partial<Record<ProcessSettingKey, string>>;

/** What a save sends: the fields that differ from the saved ones, or why one cannot be sent. The hub checks the pattern itself (it compiles it as the agents will). */
export function processChanges(saved: ProcessSettings, draft: ProcessSettings): { changes: Partial<ProcessSettings>; problems: ProcessProblems } {
  const changes: Partial<ProcessSettings> = {};
  const problems: ProcessProblems = {};
  if (!Number.isInteger(draft.processes_top_n) || draft.processes_top_n < TOP_N_MIN || draft.processes_top_n > TOP_N_MAX)
    problems.processes_top_n = `Must be a whole number from ${TOP_N_MIN} to ${TOP_N_MAX}.`;
  if (draft.processes_redact_regex.length > REDACT_REGEX_MAX) problems.processes_redact_regex = `At most ${REDACT_REGEX_MAX} characters.`;
  for (const key of PROCESS_SETTING_KEYS) {
    if (draft[key] === saved[key] || problems[key]) continue;
    (changes as Record<ProcessSettingKey, unknown>)[key] = draft[key];
  }
  return { changes, problems };
}

/** The four settings out of the whole settings answer. */
export function pickProcessSettings(settings: ProcessSettings): ProcessSettings {
  return {
    processes_enabled: settings.processes_enabled,
    processes_top_n: settings.processes_top_n,
    processes_sort_by: settings.processes_sort_by,
    processes_redact_regex: settings.processes_redact_regex,
  };
}

/** The field a refusal of the hub belongs at (`processes_redact_regex must be …`), or null. */
export function processRefusalField(message: string): ProcessSettingKey | null {
  const key = /^([a-z_]+)/.exec(message)?.[1];
  return PROCESS_SETTING_KEYS.includes(key as ProcessSettingKey) ? (key as ProcessSettingKey) : null;
}

/** 312.25 MiB reads as "312 MiB", 2048 as "2.0 GiB". */
export function formatMiB(mb: number): string {
  if (!Number.isFinite(mb)) return '–';
  if (mb >= 1024) return `${(mb / 1024).toFixed(1)} GiB`;
  return mb >= 10 ? `${Math.round(mb)} MiB` : `${mb.toFixed(1)} MiB`;
}
