// What h2spec --strict (v2.2.1) finds wrong in node:http2, per Node major, as
// observed over repeated runs on this machine: the tests check each runtime
// against its own list, so a case that moves on a new Node is named. Node 22
// and 24 bundle a newer nghttp2 (1.69, 1.70; Node 20: 1.61) that no longer
// reads PRIORITY frames (5.3.1/2, 6.3/1) and closes the connection on a
// stream's window overflow (6.9.1/3), and gets 6.9.1/2 right.
export interface NodeHttp2Failures {
  h2c: readonly string[];
  /** Over TLS node answers before it reads the bad frame in three more half-closed cases. */
  tls: readonly string[];
  /** Timing-dependent: they fail over TLS every run and over h2c in some runs. */
  racy: readonly string[];
  /** The 6.9.1 (WINDOW_UPDATE) case it fails, and what it answers there. */
  windowUpdateCase: string;
  windowUpdateAnswer: RegExp;
}

const ALWAYS = ['5.1/8', '5.1/9', '5.1/11', '5.1/12', '5.1.1/2', '6.7/2'];
const OVER_TLS = ['5.1/5', '5.1/6', '6.1/2'];
const sorted = (ids: string[]): string[] => ids.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

function failures(own: string[], windowUpdateCase: string, windowUpdateAnswer: RegExp): NodeHttp2Failures {
  const h2c = sorted([...ALWAYS, ...own]);
  return { h2c, tls: sorted([...h2c, ...OVER_TLS]), racy: OVER_TLS, windowUpdateCase, windowUpdateAnswer };
}

const NEWER_NGHTTP2 = failures(['5.3.1/2', '6.3/1', '6.9.1/3'], '6.9.1/3', /^Connection closed$/);
const BY_MAJOR: Record<number, NodeHttp2Failures> = {
  // A GOAWAY, but not with FLOW_CONTROL_ERROR.
  20: failures(['6.9.1/2'], '6.9.1/2', /^GOAWAY Frame/),
  22: NEWER_NGHTTP2,
  24: NEWER_NGHTTP2,
};

export const runtimeMajor = Number(process.versions.node.split('.')[0]);

/** This runtime's observed failures; undefined on a major nobody has recorded yet. */
export const nodeHttp2Failures: NodeHttp2Failures | undefined = BY_MAJOR[runtimeMajor];

export const unrecordedMajor = `node:http2's h2spec failures on Node ${runtimeMajor} are not recorded (test/conformance/node-http2-failures.ts, reports/baseline.json): run \`h2harness conformance --target node --strict\` (and --tls) on it and add them`;
