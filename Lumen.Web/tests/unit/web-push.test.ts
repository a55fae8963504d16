import { describe, expect, it } from 'vitest';
import { base64UrlToBytes, browserLabel, endpointHost, type PushSupport, pushUnavailable, sameKey, subscribeBody } from '../../src/lib/web-push';
import { clickTarget, notificationFor, windowToFocus } from '../../src/service-worker/push';
import { requestKind, shellCacheName } from '../../src/service-worker/shell';

const able: PushSupport = { secure: true, serviceWorker: true, pushManager: true, notifications: true, permission: 'default' };

describe('whether this page can subscribe', () => {
  it('can on https or localhost with the APIs, permission not yet asked or given', () => {
    expect(pushUnavailable(able, 'localhost:8090')).toBeNull();
    expect(pushUnavailable({ ...able, permission: 'granted' }, 'lumen.home')).toBeNull();
  });
  it('says why not: plain http away from localhost, a browser without push, notifications blocked', () => {
    expect(pushUnavailable({ ...able, secure: false }, '192.168.1.5:8090')).toContain(
      'only on https pages (or on localhost), and this is http://192.168.1.5:8090',
    );
    expect(pushUnavailable({ ...able, pushManager: false }, 'x')).toBe('This browser has no web push.');
    expect(pushUnavailable({ ...able, permission: 'denied' }, 'x')).toContain('Notifications are blocked for this site');
  });
});

describe('the subscription', () => {
  it('decodes the VAPID key from base64url without padding', () => {
    // 65 bytes: an uncompressed P-256 point starts with 0x04.
    const key = `BA${'A'.repeat(85)}`;
    const bytes = base64UrlToBytes(key);
    expect(bytes.length).toBe(65);
    expect(bytes[0]).toBe(4);
    expect([...base64UrlToBytes('-_8')]).toEqual([0xfb, 0xff]);
  });

  it('knows a subscription made with another key', () => {
    const key = new Uint8Array([4, 1, 2]);
    expect(sameKey(new Uint8Array([4, 1, 2]).buffer, key)).toBe(true);
    expect(sameKey(new Uint8Array([4, 1, 3]).buffer, key)).toBe(false);
    expect(sameKey(null, key)).toBe(false);
  });

  it('becomes the hub’s subscribe body', () => {
    const json = { endpoint: 'https://push.example/abc', keys: { p256dh: 'BPk', auth: 'au' } };
    expect(subscribeBody(3, json, 'Chrome on Linux')).toEqual({
      body: { channel_id: 3, endpoint: 'https://push.example/abc', p256dh: 'BPk', auth: 'au', label: 'Chrome on Linux' },
    });
    expect(subscribeBody(3, { endpoint: 'https://push.example/abc' }, 'x')).toHaveProperty('error');
  });

  it('labels the browser and the device', () => {
    const ua = {
      chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
      firefoxAndroid: 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0',
      safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0',
      chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36',
    };
    expect(browserLabel(ua.chromeLinux)).toBe('Chrome on Linux');
    expect(browserLabel(ua.firefoxAndroid)).toBe('Firefox on Android');
    expect(browserLabel(ua.safariIphone)).toBe('Safari on iPhone');
    expect(browserLabel(ua.edgeWindows)).toBe('Edge on Windows');
    expect(browserLabel(ua.chromeAndroid)).toBe('Chrome on Android');
    expect(browserLabel('curl/8')).toBe('Browser on this device');
    expect(endpointHost('https://fcm.googleapis.com/fcm/send/abc')).toBe('fcm.googleapis.com');
  });
});

describe('the service worker', () => {
  const origin = 'https://lumen.home';
  const shell = new Set(['/index.html', '/assets/index-abc.js', '/icons/icon-192.png']);
  const kind = (path: string, mode = 'cors', method = 'GET', at = origin) => requestKind(new URL(path, at), method, mode, origin, shell);

  it('never answers the API or the hub’s other live paths from a cache', () => {
    for (const path of ['/api/me', '/api/alerts/deliveries?status=failed', '/api', '/healthz', '/install.sh', '/install/lumen-agent-linux-amd64'])
      expect(kind(path)).toBe('network-only');
    // Not even a page load of one (a link to an API address opened in a tab).
    expect(kind('/api/hosts', 'navigate')).toBe('network-only');
  });

  it('serves a page load from the network first (the cached shell when it fails), and the build’s files from the cache', () => {
    expect(kind('/', 'navigate')).toBe('page');
    expect(kind('/alerts/deliveries?status=failed', 'navigate')).toBe('page');
    expect(kind('/assets/index-abc.js')).toBe('shell-file');
    expect(kind('/icons/icon-192.png')).toBe('shell-file');
  });

  it('leaves the rest to the browser: other methods, other sites, files not of this build', () => {
    expect(kind('/assets/index-old.js')).toBe('pass');
    expect(kind('/assets/index-abc.js', 'cors', 'POST')).toBe('pass');
    expect(kind('/assets/index-abc.js', 'cors', 'GET', 'https://elsewhere.example')).toBe('pass');
  });

  it('names the cache after the build’s files', () => {
    expect(shellCacheName(['/a.js', '/index.html'])).toBe(shellCacheName(['/a.js', '/index.html']));
    expect(shellCacheName(['/a.js', '/index.html'])).not.toBe(shellCacheName(['/b.js', '/index.html']));
    expect(shellCacheName([])).toMatch(/^lumen-shell-[0-9a-f]{8}$/);
  });

  it('shows a push as its title, body and tag, a click leading to its address', () => {
    const shown = notificationFor(
      JSON.stringify({
        title: '[critical] nas: CPU 93 % > 80 %',
        body: 'since 10:02',
        tag: 'event-5',
        url: '/hosts/2',
        severity: 'critical',
        state: 'firing',
        event_id: 5,
      }),
      origin,
    );
    expect(shown.title).toBe('[critical] nas: CPU 93 % > 80 %');
    expect(shown.options).toMatchObject({
      body: 'since 10:02',
      tag: 'event-5',
      data: { url: 'https://lumen.home/hosts/2' },
      renotify: true,
      requireInteraction: true,
    });
    const resolved = notificationFor(JSON.stringify({ title: 'resolved', tag: 'event-5', severity: 'critical', state: 'resolved' }), origin);
    expect(resolved.options.requireInteraction).toBe(false);
  });

  it('still shows something for a push that is not the hub’s JSON', () => {
    expect(notificationFor('plain words', origin)).toMatchObject({ title: 'Lumen', options: { body: 'plain words', data: { url: `${origin}/alerts` } } });
    expect(notificationFor(null, origin).title).toBe('Lumen');
  });

  it('leads a click to the payload’s address, or the alerts page; never a script address', () => {
    expect(clickTarget('https://lumen.example.org/hosts/3', origin)).toBe('https://lumen.example.org/hosts/3');
    expect(clickTarget('', origin)).toBe(`${origin}/alerts`);
    expect(clickTarget('javascript:alert(1)', origin)).toBe(`${origin}/alerts`);
  });

  it('brings forward a window already on the address, else any window of the dashboard', () => {
    const windows = [{ url: 'https://other.example/' }, { url: `${origin}/` }, { url: `${origin}/hosts/2` }];
    expect(windowToFocus(windows, `${origin}/hosts/2`, origin)).toBe(windows[2]);
    expect(windowToFocus(windows, `${origin}/hosts/9`, origin)).toBe(windows[1]);
    expect(windowToFocus([{ url: 'https://other.example/' }], `${origin}/alerts`, origin)).toBeUndefined();
  });
});
