// The browser's side of web push for the e2e spec, from RFC 8291 and RFC 8188: its own P-256
// key pair and 16-byte auth secret (what a PushSubscription's keys are), and the decryption a
// browser does when its push service hands it a message. Node's crypto; none of the hub's code.

import { createDecipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

export class PushBrowser {
  private readonly ecdh = createECDH('prime256v1');
  readonly publicKey: Buffer;
  readonly authSecret = randomBytes(16);

  constructor() {
    this.publicKey = this.ecdh.generateKeys();
  }

  /** keys.p256dh and keys.auth as a subscription's JSON has them (base64url, no padding). */
  get keys(): { p256dh: string; auth: string } {
    return { p256dh: this.publicKey.toString('base64url'), auth: this.authSecret.toString('base64url') };
  }

  /** The text of an aes128gcm body; throws when a part is not as the RFCs say. */
  decrypt(body: Buffer): string {
    // RFC 8188 §2.1: salt(16) ‖ rs(4, big-endian) ‖ idlen(1) ‖ keyid(idlen) ‖ one record.
    const salt = body.subarray(0, 16);
    const idLength = body[20];
    if (idLength !== 65) throw new Error(`keyid is ${idLength} bytes, not a P-256 public key's 65`);
    const senderKey = body.subarray(21, 21 + idLength);
    const record = body.subarray(21 + idLength);
    const ecdhSecret = this.ecdh.computeSecret(senderKey);
    // RFC 8291 §3.3–3.4, HKDF (RFC 5869) by hand: outputs of at most 32 bytes are one HMAC.
    const ikm = hmac(hmac(this.authSecret, ecdhSecret), Buffer.concat([Buffer.from('WebPush: info\0'), this.publicKey, senderKey, Buffer.from([1])]));
    const prk = hmac(salt, ikm);
    const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'latin1')).subarray(0, 16);
    const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'latin1')).subarray(0, 12);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    // The last record: the data, the delimiter 0x02, then zero padding.
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (padded[end] !== 2) throw new Error('the record does not end with the last-record delimiter 0x02');
    return padded.subarray(0, end).toString('utf8');
  }
}
