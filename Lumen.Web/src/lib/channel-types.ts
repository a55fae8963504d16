// Each channel type's form: its fields as the hub reads them (go-lumen-compat §2.4 and issue 12),
// which are required, which are secrets (masked by the hub, kept when sent back masked), and how
// a value is typed and sent. The form logic (channel-form.ts) and the dialog render from this.

import type { ChannelType } from './channels';

export type FieldKind = 'text' | 'url' | 'number' | 'select' | 'email' | 'emails' | 'switch';

export interface ChannelField {
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  /** Masked by the hub on read; a password input here. */
  secret?: boolean;
  hint?: string;
  placeholder?: string;
  /** A select's choices; the empty value means "the default" and is not sent. */
  options?: readonly { value: string; label: string }[];
  /** A number's bounds, inclusive. */
  min?: number;
  max?: number;
  /** A select whose values go out as numbers (Pushover's priority). */
  numeric?: boolean;
  /** The shape the hub insists on, and what to say when the text has another. */
  pattern?: { test: RegExp; problem: string };
}

/** Pushover's tokens and keys: 30 letters and digits, as its site shows them. */
const PUSHOVER_KEY = { test: /^[A-Za-z0-9]{30}$/, problem: 'The 30 letters and digits Pushover shows.' };

export interface ChannelTypeInfo {
  type: ChannelType;
  label: string;
  /** One sentence: what it is and where the messages land. */
  about: string;
  fields: readonly ChannelField[];
}

const url = (hint: string, placeholder: string, secret = false): ChannelField => ({
  key: 'url',
  label: 'URL',
  kind: 'url',
  required: true,
  secret,
  hint,
  placeholder,
});

export const CHANNEL_TYPES: readonly ChannelTypeInfo[] = [
  {
    type: 'ntfy',
    label: 'ntfy',
    about: 'A topic on ntfy.sh or your own ntfy server; the phone app shows each alert.',
    fields: [
      url('The server and the topic together.', 'https://ntfy.sh/my-lumen-alerts'),
      {
        key: 'priority',
        label: 'Priority',
        kind: 'select',
        required: false,
        hint: 'Unset: by severity (critical is urgent, warning high).',
        options: [
          { value: '', label: 'By severity' },
          { value: 'min', label: 'min' },
          { value: 'low', label: 'low' },
          { value: 'default', label: 'default' },
          { value: 'high', label: 'high' },
          { value: 'urgent', label: 'urgent' },
        ],
      },
      { key: 'token', label: 'Access token', kind: 'text', required: false, secret: true, hint: 'For a protected topic (sent as a Bearer token).' },
    ],
  },
  {
    type: 'discord',
    label: 'Discord',
    about: "A channel's webhook in Discord (Channel settings → Integrations → Webhooks).",
    fields: [url('The webhook URL. It is a credential, so the hub masks it.', 'https://discord.com/api/webhooks/…', true)],
  },
  {
    type: 'slack',
    label: 'Slack',
    about: 'An incoming webhook of Slack, or a Slack-compatible one of Mattermost or Rocket.Chat.',
    fields: [url('The incoming webhook URL. It is a credential, so the hub masks it.', 'https://hooks.slack.com/services/…', true)],
  },
  {
    type: 'webhook',
    label: 'Webhook',
    about: 'Any HTTP endpoint: each notification POSTed as JSON, with a Lumen-Delivery-Id header and, with a secret, a Lumen-Signature.',
    fields: [
      url('Where the JSON is POSTed.', 'https://example.home/lumen-hook'),
      {
        key: 'secret',
        label: 'Signing secret',
        kind: 'text',
        required: false,
        secret: true,
        hint: 'Optional: the body is signed with HMAC-SHA256 (Lumen-Signature: sha256=…) so the receiver can check it.',
      },
    ],
  },
  {
    type: 'telegram',
    label: 'Telegram',
    about: 'A message from your bot (made with @BotFather) to a chat, group or channel.',
    fields: [
      {
        key: 'bot_token',
        label: 'Bot token',
        kind: 'text',
        required: true,
        secret: true,
        placeholder: '123456:ABC…',
        pattern: { test: /^[^\s/]+$/, problem: 'No spaces or slashes: the token alone, as @BotFather gave it.' },
      },
      { key: 'chat_id', label: 'Chat id', kind: 'text', required: true, hint: 'A number, or @channelname.', placeholder: '-1001234567890' },
      {
        key: 'parse_mode',
        label: 'Format',
        kind: 'select',
        required: false,
        options: [
          { value: '', label: 'HTML (default)' },
          { value: 'MarkdownV2', label: 'MarkdownV2' },
          { value: 'none', label: 'Plain text' },
        ],
      },
      {
        key: 'api_url',
        label: 'Bot API server',
        kind: 'url',
        required: false,
        hint: 'Only for a self-hosted Bot API server.',
        placeholder: 'https://api.telegram.org',
      },
    ],
  },
  {
    type: 'email',
    label: 'Email',
    about: 'Mail through your SMTP server or relay, to one or more addresses.',
    fields: [
      { key: 'smtp_host', label: 'SMTP server', kind: 'text', required: true, placeholder: 'smtp.example.com' },
      {
        key: 'smtp_port',
        label: 'Port',
        kind: 'number',
        required: true,
        min: 1,
        max: 65535,
        placeholder: '587',
        hint: '465 for implicit TLS, 587 or 25 otherwise.',
      },
      {
        key: 'tls',
        label: 'TLS',
        kind: 'select',
        required: false,
        options: [
          { value: '', label: 'Automatic' },
          { value: 'implicit', label: 'Implicit TLS' },
          { value: 'starttls', label: 'STARTTLS' },
          { value: 'none', label: 'None (a LAN relay)' },
        ],
        hint: 'Automatic: implicit TLS on 465, STARTTLS when the server offers it.',
      },
      {
        key: 'skip_tls_verify',
        label: "Accept the server's certificate unchecked",
        kind: 'switch',
        required: false,
        hint: "For a LAN relay's self-signed certificate.",
      },
      { key: 'username', label: 'Username', kind: 'text', required: false },
      { key: 'password', label: 'Password', kind: 'text', required: false, secret: true },
      { key: 'from_addr', label: 'From', kind: 'email', required: true, placeholder: 'lumen@example.com' },
      {
        key: 'to_addr',
        label: 'To',
        kind: 'emails',
        required: true,
        hint: 'Up to 20 addresses, separated by commas.',
        placeholder: 'me@example.com, ops@example.com',
      },
    ],
  },
  {
    type: 'gotify',
    label: 'Gotify',
    about: 'A message to your Gotify server, from an application token.',
    fields: [
      url('The server’s address, without a path.', 'https://gotify.example.home'),
      { key: 'token', label: 'Application token', kind: 'text', required: true, secret: true },
      { key: 'priority', label: 'Priority', kind: 'number', required: false, min: 0, max: 10, hint: '0 to 10; unset: by severity.' },
    ],
  },
  {
    type: 'pushover',
    label: 'Pushover',
    about: 'A push to your phones through Pushover.',
    fields: [
      { key: 'app_token', label: 'Application token', kind: 'text', required: true, secret: true, pattern: PUSHOVER_KEY },
      { key: 'user_key', label: 'User or group key', kind: 'text', required: true, secret: true, pattern: PUSHOVER_KEY },
      { key: 'device', label: 'Device', kind: 'text', required: false, hint: 'Unset: all of your devices.' },
      {
        key: 'priority',
        label: 'Priority',
        kind: 'select',
        required: false,
        numeric: true,
        options: [
          { value: '', label: 'By severity' },
          { value: '-2', label: '-2 (no alert)' },
          { value: '-1', label: '-1 (quiet)' },
          { value: '0', label: '0 (normal)' },
          { value: '1', label: '1 (high)' },
          { value: '2', label: '2 (emergency)' },
        ],
      },
      { key: 'api_url', label: 'API server', kind: 'url', required: false, placeholder: 'https://api.pushover.net' },
    ],
  },
  {
    type: 'web_push',
    label: 'Web push',
    about: 'A notification in the browsers you subscribe (Notify this browser), even with the dashboard closed.',
    fields: [],
  },
];

export function channelTypeInfo(type: string): ChannelTypeInfo {
  return CHANNEL_TYPES.find((t) => t.type === type) ?? { type: type as ChannelType, label: type, about: '', fields: [] };
}
