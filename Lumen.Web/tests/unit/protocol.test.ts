import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  containerFields,
  diskFields,
  filesystemFields,
  gpuFields,
  ingestFrameFields,
  missingFields,
  nicFields,
  processFields,
  shapeProblems,
  systemFields,
} from '../../src/lib/protocol';

// The protocol's golden frames (specs/Lumen.Protocol.Specs/Golden): what Go agents and this
// project's agent send and Lumen.Protocol parses. The TypeScript mirror must name exactly
// their fields with their kinds; the Lumen agent's full frame has every field there is.
const goldenDir = join(__dirname, '../../../specs/Lumen.Protocol.Specs/Golden');
const golden = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, json: JSON.parse(readFileSync(join(goldenDir, f), 'utf8')) as Record<string, unknown> }));

describe('protocol mirror against the golden JSON', () => {
  it('finds the golden frames', () => {
    expect(golden.map((g) => g.name)).toEqual(
      expect.arrayContaining(['go-agent-full-frame.json', 'go-agent-minimal-frame.json', 'lumen-agent-full-frame.json']),
    );
  });

  it.each(golden)('knows every field of $name with its kind', ({ json }) => {
    expect(shapeProblems(json, ingestFrameFields)).toEqual([]);
  });

  it('names no field the full frame lacks', () => {
    const full = golden.find((g) => g.name === 'lumen-agent-full-frame.json')!.json;
    expect(missingFields(full, ingestFrameFields)).toEqual([]);
    const first = (key: string) => (full[key] as Record<string, unknown>[])[0];
    expect(missingFields(first('containers'), containerFields)).toEqual([]);
    expect(missingFields(full.system as object, systemFields)).toEqual([]);
    expect(missingFields(first('gpus'), gpuFields)).toEqual([]);
    expect(missingFields(first('processes'), processFields)).toEqual([]);
    expect(missingFields(first('disks'), diskFields)).toEqual([]);
    expect(missingFields(first('nics'), nicFields)).toEqual([]);
    expect(missingFields(first('filesystems'), filesystemFields)).toEqual([]);
  });

  it('catches a field the mirror does not know, and a wrong kind', () => {
    expect(shapeProblems({ ts: '2026-01-01T00:00:00Z', cpu_pct: '12', fan_rpm: 900 }, ingestFrameFields)).toEqual([
      '$.cpu_pct is string, the mirror says number',
      '$.fan_rpm is not in the TypeScript mirror',
    ]);
    expect(shapeProblems({ containers: [{ id: 'x', uptime: 3 }] }, ingestFrameFields)).toEqual(['$.containers[0].uptime is not in the TypeScript mirror']);
  });
});
