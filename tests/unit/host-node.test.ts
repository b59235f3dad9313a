/**
 * Host node plumbing without a browser: worklet registration once per context (WeakMap of
 * promises, Tone-style rawContext), createAllPoleFilterNode on a non-native AudioWorkletNode
 * class and on a Tone-like factory, the node API on the adopted instance, and 'fault' events.
 */
import { describe, expect, it } from 'vitest';
import { addAllPoleModule, allPoleWorkletUrl, rawContextOf } from '../../src/host/module.js';
import { type AllPoleNode, createAllPoleFilterNode } from '../../src/host/node.js';

class FakeParam {
  calls: unknown[][] = [];
  constructor(public value: number) {}
  setValueAtTime(v: number, t: number) {
    this.calls.push(['set', v, t]);
  }
  linearRampToValueAtTime(v: number, t: number) {
    this.calls.push(['ramp', v, t]);
  }
  setValueCurveAtTime(c: Float32Array, t: number, d: number) {
    this.calls.push(['curve', c, t, d]);
  }
  cancelScheduledValues(t: number) {
    this.calls.push(['cancel', t]);
  }
}

/** Stand-in for standardized-audio-context's AudioWorkletNode (an EventTarget with a port). */
class FakeWorkletNode extends EventTarget {
  readonly parameters = new Map<string, FakeParam>();
  readonly port: MessagePort;
  readonly peer: MessagePort;
  constructor(
    readonly context: { currentTime: number; sampleRate: number },
    readonly processorName: string,
    readonly options: AudioWorkletNodeOptions,
  ) {
    super();
    const m = /^diffiir-allpole-([rdt])(\d+)$/.exec(processorName);
    if (!m) throw new Error(`unknown processor ${processorName}`);
    for (let i = 1; i <= (m[1] === 't' ? 0 : Number(m[2])); i++) {
      const n = `${m[1] === 'r' ? 'k' : 'a'}${i}`;
      this.parameters.set(n, new FakeParam(options.parameterData?.[n] ?? 0));
    }
    this.parameters.set('gain', new FakeParam(options.parameterData?.gain ?? 1));
    const ch = new MessageChannel();
    this.port = ch.port1;
    this.peer = ch.port2;
  }
}

function fakeContext() {
  const added: string[] = [];
  return {
    added,
    sampleRate: 48000,
    currentTime: 0.25,
    audioWorklet: {
      addModule: (url: string) => {
        added.push(url);
        return Promise.resolve();
      },
    },
  };
}

describe('addAllPoleModule', () => {
  it('adds the module once per (raw) context, also through a Tone-style wrapper', async () => {
    const ctx = fakeContext();
    const p1 = addAllPoleModule(ctx);
    const p2 = addAllPoleModule({ rawContext: ctx });
    expect(p1).toBe(p2);
    await p1;
    expect(ctx.added).toEqual([allPoleWorkletUrl]);
    expect(allPoleWorkletUrl).toMatch(/allpole-processor/);
    const other = fakeContext();
    await addAllPoleModule(other);
    expect(other.added).toHaveLength(1);
    expect(rawContextOf({ rawContext: ctx })).toBe(ctx);
  });

  it('forgets a failed registration so it can be retried', async () => {
    let fail = true;
    const ctx = {
      sampleRate: 48000,
      currentTime: 0,
      audioWorklet: { addModule: () => (fail ? Promise.reject(new Error('net')) : Promise.resolve()) },
    };
    await expect(addAllPoleModule(ctx)).rejects.toThrow('net');
    await Promise.resolve();
    fail = false;
    await expect(addAllPoleModule(ctx)).resolves.toBeUndefined();
  });

  it('takes a URL of the caller (escape hatch for bundlers that do not emit the file)', async () => {
    const ctx = fakeContext();
    await addAllPoleModule(ctx, { url: '/static/diffiir-worklet.js' });
    expect(ctx.added).toEqual(['/static/diffiir-worklet.js']);
    const other = fakeContext();
    await addAllPoleModule(other, { url: new URL('https://cdn.example/w.js') });
    expect(other.added).toEqual(['https://cdn.example/w.js']);
    expect(() => addAllPoleModule(fakeContext(), { url: '' })).toThrow(/options\.url/);
    // The default is the one literal expression bundlers recognise, next to the module.
    expect(new URL(allPoleWorkletUrl).pathname).toMatch(/\/src\/host\/allpole-processor\.js$/);
  });

  it('rejects a context without AudioWorklet', () => {
    expect(() => addAllPoleModule({ sampleRate: 1, currentTime: 0 })).toThrow(/audioWorklet/);
  });
});

describe('createAllPoleFilterNode on non-native classes', () => {
  it('adopts a standardized-audio-context-like AudioWorkletNode and exposes the node API', async () => {
    const ctx = fakeContext();
    const node = createAllPoleFilterNode(
      ctx,
      { order: 2, coefficients: [0.5, 0.25], gain: 2, channelCount: 1 },
      FakeWorkletNode as never,
    );
    const raw = node as unknown as FakeWorkletNode;
    expect(raw).toBeInstanceOf(FakeWorkletNode);
    expect(raw.processorName).toBe('diffiir-allpole-r2');
    expect(raw.options.outputChannelCount).toEqual([1]);
    expect(node.order).toBe(2);
    expect(node.domain).toBe('reflection');
    expect(node.coefficients).toEqual([raw.parameters.get('k1'), raw.parameters.get('k2')]);
    expect(node.gain).toBe(raw.parameters.get('gain'));
    node.setCoefficients([0.1, 0.2]);
    expect((node.coefficients[1] as unknown as FakeParam).calls).toEqual([['set', 0.2, 0.25]]);
    expect(Array.from(node.getCoefficients())).toEqual([0.5, 0.25]);
    const mag = new Float32Array(1);
    node.getFrequencyResponse(Float32Array.of(0), mag, new Float32Array(1));
    expect(mag[0]).toBeCloseTo(2 / (1 + 0.625 + 0.25), 6); // k [0.5, 0.25] → a [0.625, 0.25]
    node.cancelScheduledCoefficients(1);
    expect((node.gain as unknown as FakeParam).calls).toEqual([['cancel', 1]]);
    raw.port.close();
  });

  it('dispatches fault events and calls onfault; ignores other port traffic', async () => {
    const node = createAllPoleFilterNode(fakeContext(), { order: 1 }, FakeWorkletNode as never);
    const raw = node as unknown as FakeWorkletNode;
    const seen: unknown[] = [];
    node.onfault = (e) => seen.push(['onfault', e.detail.code]);
    (node as unknown as EventTarget).addEventListener('fault', (e) => {
      seen.push(['event', (e as CustomEvent).detail]);
    });
    raw.peer.postMessage({ hello: 1 });
    raw.peer.postMessage({ type: 'fault', code: 'nonfinite-input', message: 'x', frame: 128 });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([
      ['event', { code: 'nonfinite-input', message: 'x', frame: 128 }],
      ['onfault', 'nonfinite-input'],
    ]);
    raw.port.close();
  });

  it('posts reset, outputLimit and release control messages', async () => {
    const node = createAllPoleFilterNode(fakeContext(), { order: 1 }, FakeWorkletNode as never);
    const raw = node as unknown as FakeWorkletNode;
    const got: unknown[] = [];
    raw.peer.onmessage = (e) => got.push(e.data);
    node.resetState();
    node.setOutputLimit(10);
    expect(() => node.setOutputLimit(-1)).toThrow(RangeError);
    node.release();
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([{ type: 'reset' }, { type: 'outputLimit', value: 10 }, { type: 'release' }]);
    raw.port.close();
    raw.peer.close();
  });

  it('uses a Tone-style context factory (createAudioWorkletNode)', () => {
    const ctx = fakeContext();
    const made: FakeWorkletNode[] = [];
    const tone = {
      rawContext: ctx,
      createAudioWorkletNode(name: string, options: AudioWorkletNodeOptions) {
        const n = new FakeWorkletNode(ctx, name, options);
        made.push(n);
        return n;
      },
    };
    const node: AllPoleNode = createAllPoleFilterNode(tone as never, { order: 3, domain: 'direct' });
    expect(made).toHaveLength(1);
    expect(made[0].processorName).toBe('diffiir-allpole-d3');
    expect(node.coefficients).toHaveLength(3);
    expect(typeof node.scheduleTrack).toBe('function');
    made[0].port.close();
  });

  it('rejects an unrecognised context', () => {
    expect(() => createAllPoleFilterNode(fakeContext(), { order: 1 })).toThrow(/unrecognised context/);
  });

  it('direct domain: setCoefficients refuses unstable (non-minimum-phase) coefficients', () => {
    const node = createAllPoleFilterNode(
      fakeContext(),
      { order: 2, domain: 'direct' },
      FakeWorkletNode as never,
    );
    // Poles of radius 1.00005 (a2 = r²): step-down gives |k_2| >= 1.
    const r = 1.00005;
    expect(() => node.setCoefficients([-2 * r * Math.cos(0.3), r * r])).toThrow(/not minimum phase/);
    expect(() => node.setCoefficients([-2 * 0.9 * Math.cos(0.3), 0.81])).not.toThrow();
    expect(() => node.setOutputLimit(1e-30)).toThrow(/setOutputLimit: limit must be a finite number >= /);
    (node as unknown as FakeWorkletNode).port.close();
  });
});

describe('track mode (host side)', () => {
  const make = () =>
    createAllPoleFilterNode(fakeContext(), { order: 2, control: 'track' }, FakeWorkletNode as never);

  it('posts the track (copied, transferred) and resolves on the processor ack', async () => {
    const node = make();
    const raw = node as unknown as FakeWorkletNode;
    expect(raw.processorName).toBe('diffiir-allpole-t2');
    expect(node.control).toBe('track');
    expect(node.coefficients).toEqual([]);
    const got: { id: number; start: number; k: Float64Array; logGain: Float64Array | null }[] = [];
    raw.peer.onmessage = (e) => {
      got.push(e.data);
      raw.peer.postMessage({ type: 'ack', id: e.data.id, ok: e.data.type === 'track' });
    };
    const k = Float32Array.of(0.5, -0.25, 0.125, 0);
    const done = node.playTrack({ k, logGain: [0, -1], hop: 64 }, 0.1);
    await expect(done).resolves.toBeUndefined();
    expect(k.length).toBe(4); // the caller's array is not detached
    expect(got[0]).toMatchObject({ type: 'track', start: 4800, hop: 64 });
    expect(Array.from(got[0].k)).toEqual([0.5, -0.25, 0.125, 0]);
    expect(Array.from(got[0].logGain ?? [])).toEqual([0, -1]);
    // Default time: now (0.25 s); no logGain: null.
    await node.playTrack({ k: [0.1, 0.2], hop: 1 });
    expect(got[1]).toMatchObject({ start: 12000, logGain: null });
    // Refused by the processor: rejects.
    await expect(node.appendFrames({ k: [0.1, 0.2] })).rejects.toThrow(/appendFrames: the processor refused/);
    raw.port.close();
    raw.peer.close();
  });

  it('only an exact { type, id, ok } ack from the processor settles a pending track', async () => {
    const node = make();
    const raw = node as unknown as FakeWorkletNode;
    const ids: number[] = [];
    raw.peer.onmessage = (e) => ids.push(e.data.id);
    let settled = '';
    const done = node.playTrack({ k: [0.1, 0.2], hop: 4 }).then(
      () => {
        settled = 'resolved';
      },
      () => {
        settled = 'rejected';
      },
    );
    await expect.poll(() => ids.length).toBe(1);
    const id = ids[0];
    // Ids are random safe integers, not 1, 2, 3...: a guessed id names nothing.
    expect(Number.isSafeInteger(id)).toBe(true);
    const forged: unknown[] = [
      { type: 'ack', id, ok: 'yes' },
      { type: 'ack', id },
      { type: 'ack', id, ok: 1 },
      { type: 'ack', id: String(id), ok: true },
      { type: 'ack', id: 1.5, ok: true },
      { type: 'ack', id, ok: true, extra: 1 },
      { type: 'ack', id, ok: false, note: 'x' },
      [{ type: 'ack', id, ok: true }],
      { type: 'ack', id: 1, ok: true },
      { type: 'ack', id: id + 1, ok: false },
      null,
    ];
    for (const m of forged) raw.peer.postMessage(m);
    // A message dispatched on the node's port by page code, with a wrong id, settles nothing.
    raw.port.dispatchEvent(
      new MessageEvent('message', { data: { type: 'ack', id: id === 2 ? 3 : 2, ok: true } }),
    );
    await new Promise((r) => setTimeout(r, 30));
    expect(settled).toBe('');
    raw.peer.postMessage({ ok: true, id, type: 'ack' });
    await done;
    expect(settled).toBe('resolved');
    // A refusal is the same exact shape with ok false.
    const second = node.playTrack({ k: [0.1, 0.2], hop: 4 });
    await expect.poll(() => ids.length).toBe(2);
    raw.peer.postMessage({ type: 'ack', id: ids[1], ok: false });
    await expect(second).rejects.toThrow(/playTrack: the processor refused/);
    raw.port.close();
    raw.peer.close();
  });

  it('validates the track naming the argument; param methods refuse track mode and vice versa', () => {
    const node = make();
    const ok = { k: [0.1, 0.2], hop: 4 };
    expect(() => node.playTrack({ ...ok, k: [0.1, 0.2, 0.3] })).toThrow(/track.k must hold frames/);
    expect(() => node.playTrack({ ...ok, k: [0.1, 1] })).toThrow(
      /track.k\[1\] must be finite with \|k\| < 1/,
    );
    expect(() => node.playTrack({ ...ok, k: [0.1, Number.NaN] })).toThrow(RangeError);
    expect(() => node.playTrack({ ...ok, k: 'ab' as never })).toThrow(TypeError);
    expect(() => node.playTrack({ ...ok, logGain: [0, 0] })).toThrow(/track.logGain must have one value/);
    expect(() => node.playTrack({ ...ok, logGain: [Number.POSITIVE_INFINITY] })).toThrow(/logGain\[0\]/);
    expect(() => node.playTrack({ ...ok, hop: 0 })).toThrow(/track.hop must be an integer >= 1/);
    expect(() => node.playTrack({ ...ok, hop: 2.5 })).toThrow(/track.hop/);
    expect(() => node.playTrack(ok, Number.NaN)).toThrow(/when must be a finite time/);
    expect(() => node.playTrack(ok, -1)).toThrow(RangeError);
    expect(() => node.playTrack(null as never)).toThrow(TypeError);
    expect(() => node.appendFrames({ k: [0.1] })).toThrow(/frames.k must hold frames/);
    expect(() => node.setCoefficients([0.1, 0.2])).toThrow(/not available in track mode/);
    expect(() => node.scheduleTrack([0.1, 0.2], 0, 1)).toThrow(TypeError);
    const params = createAllPoleFilterNode(fakeContext(), { order: 2 }, FakeWorkletNode as never);
    expect(() => params.playTrack(ok)).toThrow(/create it with \{ control: 'track' \}/);
    (node as unknown as FakeWorkletNode).port.close();
    (params as unknown as FakeWorkletNode).port.close();
  });
});
