// The channel editor's model: the form as the user types it, the body it becomes, the form an
// existing channel fills, and which field a hub's 400 names. Secrets come from the hub as
// SECRET_MASK and go back as the mask unless the user typed a new one, which tells the hub to
// keep the stored secret. The checks are the slips a form can see (a missing field, an address
// without http(s)://, a port out of range, a bad address list); the hub checks each config fully
// and its message, naming the field ("config.url: …"), is shown under the form.

import type { Severity } from './alerts';
import { type Channel, type ChannelBody, type ChannelType, type ConfigValue, SECRET_MASK } from './channels';
import { type ChannelField, channelTypeInfo } from './channel-types';

export const MAX_NAME = 128;
export const MAX_RECIPIENTS = 20;

export type FieldValue = string | boolean;

export interface ChannelForm {
  name: string;
  type: ChannelType;
  enabled: boolean;
  minSeverity: Severity;
  /** The type's fields as typed: text for all but the switches. */
  values: Record<string, FieldValue>;
  /** Stored config fields this form does not edit (the Go hub's digest_window): sent back as they were. */
  extra: Record<string, ConfigValue>;
  /** The stored channel's type and fields, brought back when the user returns to its type. */
  stored: { type: ChannelType; values: Record<string, FieldValue>; extra: Record<string, ConfigValue> } | null;
}

/** Problems by field key ('name', or a config field's key). */
export type ChannelProblems = Partial<Record<string, string>>;

const emptyValues = (type: ChannelType): Record<string, FieldValue> =>
  Object.fromEntries(channelTypeInfo(type).fields.map((f) => [f.key, f.kind === 'switch' ? false : '']));

export function newChannelForm(type: ChannelType = 'ntfy'): ChannelForm {
  return { name: '', type, enabled: true, minSeverity: 'info', values: emptyValues(type), extra: {}, stored: null };
}

/** ntfy's numeric priorities by their names (the same levels). */
const NTFY_PRIORITY_NAMES: Record<string, string> = { '1': 'min', '2': 'low', '3': 'default', '4': 'high', '5': 'urgent' };

function valueFromConfig(field: ChannelField, value: ConfigValue | undefined, type: ChannelType): FieldValue {
  if (field.kind === 'switch') return value === true || value === 'true';
  if (value === undefined || value === null) return '';
  const text = String(value);
  if (type === 'ntfy' && field.key === 'priority') return NTFY_PRIORITY_NAMES[text] ?? text.toLowerCase();
  return text;
}

/** The form a stored channel fills: its fields as text, its secrets as the mask, fields of no input kept aside. */
export function formFromChannel(channel: Channel): ChannelForm {
  const fields = channelTypeInfo(channel.type).fields;
  const known = new Set(fields.map((f) => f.key));
  const values = Object.fromEntries(fields.map((f) => [f.key, valueFromConfig(f, channel.config[f.key], channel.type)]));
  const extra = Object.fromEntries(Object.entries(channel.config ?? {}).filter(([key]) => !known.has(key)));
  return {
    name: channel.name,
    type: channel.type,
    enabled: channel.enabled,
    minSeverity: channel.min_severity,
    values,
    extra,
    stored: { type: channel.type, values, extra },
  };
}

/** The form after choosing another type: the stored channel's fields when it is its own type again, else the new type's empty ones (a mask means nothing to another type). */
export function withType(form: ChannelForm, type: ChannelType): ChannelForm {
  if (type === form.type) return form;
  if (form.stored?.type === type) return { ...form, type, values: { ...form.stored.values }, extra: { ...form.stored.extra } };
  return { ...form, type, values: emptyValues(type), extra: {} };
}

/** Whether a secret field still holds the hub's mask: the stored secret is kept. */
export function keepsStoredSecret(form: ChannelForm, key: string): boolean {
  return form.stored?.type === form.type && form.values[key] === SECRET_MASK;
}

/** An absolute http(s) address with something after the scheme; the hub parses it fully. */
export function looksLikeHttpUrl(text: string): boolean {
  return /^https?:\/\/[^\s/?#]/i.test(text);
}

/** As loose as the hub: something, an @ (the last one), a domain, and no whitespace. */
export function looksLikeEmail(text: string): boolean {
  return /^\S+@[^\s@]+$/.test(text);
}

/** A comma list of addresses, or what is wrong with it. */
export function parseRecipients(text: string): { addresses: string[] } | { error: string } {
  const addresses = text.split(',').map((a) => a.trim());
  if (addresses.some((a) => a === '')) return { error: 'An address is empty: a comma too many?' };
  if (addresses.length > MAX_RECIPIENTS) return { error: `At most ${MAX_RECIPIENTS} addresses.` };
  const bad = addresses.find((a) => !looksLikeEmail(a));
  if (bad) return { error: `“${bad}” is not an email address.` };
  return { addresses };
}

/** What is wrong with a typed value, by its kind; a select offers only its choices (or the stored value), which the hub checks. */
function checkField(field: ChannelField, text: string): string | null {
  if (field.pattern && !field.pattern.test.test(text)) return field.pattern.problem;
  switch (field.kind) {
    case 'url':
      return looksLikeHttpUrl(text) ? null : 'Must start with http:// or https://.';
    case 'email':
      return looksLikeEmail(text) ? null : 'Not an email address.';
    case 'emails': {
      const parsed = parseRecipients(text);
      return 'error' in parsed ? parsed.error : null;
    }
    case 'number': {
      const n = Number(text);
      if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n)) return 'A whole number.';
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) return `From ${field.min} to ${field.max}.`;
      return null;
    }
    default:
      return null;
  }
}

/** A field's value as the config stores it, or undefined to leave it out. */
function configValue(field: ChannelField, value: FieldValue): ConfigValue | undefined {
  if (field.kind === 'switch') return value === true ? true : undefined;
  const text = String(value).trim();
  if (text === '') return undefined;
  if (field.kind === 'number' || (field.kind === 'select' && field.numeric)) return Number(text);
  if (field.kind === 'emails')
    return text
      .split(',')
      .map((a) => a.trim())
      .join(', ');
  return text;
}

/** The body to send, or what is wrong, field by field. */
export function channelBody(form: ChannelForm): { body: ChannelBody } | { problems: ChannelProblems } {
  const problems: ChannelProblems = {};
  const name = form.name.trim();
  if (name === '') problems.name = 'Give the channel a name.';
  else if (name.length > MAX_NAME) problems.name = `At most ${MAX_NAME} characters.`;

  const config: Record<string, ConfigValue> = { ...form.extra };
  for (const field of channelTypeInfo(form.type).fields) {
    const raw = form.values[field.key] ?? '';
    if (field.secret && keepsStoredSecret(form, field.key)) {
      config[field.key] = SECRET_MASK;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (field.kind !== 'switch' && text === '') {
      if (field.required) problems[field.key] = 'Required.';
      delete config[field.key];
      continue;
    }
    if (field.kind !== 'switch') {
      const problem = checkField(field, text);
      if (problem) problems[field.key] = problem;
    }
    const value = configValue(field, raw);
    if (value === undefined) delete config[field.key];
    else config[field.key] = value;
  }
  if (Object.keys(problems).length > 0) return { problems };
  return { body: { name, type: form.type, config, enabled: form.enabled, min_severity: form.minSeverity } };
}

/** The body that saves a stored channel as it is but for the changes (the list's on/off switch): its secrets go back masked, so the hub keeps them. */
export function bodyFromChannel(channel: Channel, changes: Partial<ChannelBody> = {}): ChannelBody {
  return { name: channel.name, type: channel.type, config: channel.config, enabled: channel.enabled, min_severity: channel.min_severity, ...changes };
}

/** The field a hub's 400 names ("config.url: must be …" → url, "name …" → name), or null for the form as a whole. */
export function problemField(message: string): string | null {
  const config = /^config\.([A-Za-z0-9_]+)\b/.exec(message);
  if (config) return config[1];
  return /^name\b/.test(message) ? 'name' : null;
}

/** Where a channel's messages go, in a few words for the list (never a secret). */
export function channelTarget(channel: Channel): string {
  const c = channel.config ?? {};
  const text = (key: string) => (typeof c[key] === 'string' || typeof c[key] === 'number' ? String(c[key]) : '');
  const host = (address: string) => {
    try {
      return new URL(address).host;
    } catch {
      return '';
    }
  };
  switch (channel.type) {
    case 'ntfy':
      return text('url');
    case 'webhook':
    case 'gotify':
      return text('url');
    case 'discord':
    case 'slack':
      return text('url') === SECRET_MASK || !text('url') ? 'webhook (hidden)' : `webhook at ${host(text('url'))}`;
    case 'telegram':
      return text('chat_id') ? `chat ${text('chat_id')}` : '';
    case 'email':
      return text('to_addr');
    case 'pushover':
      return text('device') ? `device ${text('device')}` : 'all devices';
    case 'web_push':
      return 'subscribed browsers';
    default:
      return '';
  }
}
