// A wire server that said nothing at all (no SETTINGS, no close) within the
// scenario's budget has not answered yet: a slow machine gives time-budget
// latitude, not a finding. A server that answered anything, and the core in
// process, are judged as before.
import t from 'tap';
import { checkRuns } from '../../harness/fuzz/server/scenario-checker.js';
import type { Scenario } from '../../harness/scenario/scenario.js';
import type { Transcript } from '../../harness/scenario/transcript.js';

const GET = [[':method', 'GET'], [':scheme', 'http'], [':authority', 'localhost'], [':path', '/']] as [string, string][];
// A PING inside an open field block: a connection error the server must answer with GOAWAY PROTOCOL_ERROR.
const scenario = {
  steps: [
    { op: 'preface' },
    { op: 'settings', pairs: [] },
    { op: 'settings-ack' },
    { op: 'headers', stream: 1, fields: GET, endStream: true, unterminated: true },
    { op: 'ping', opaque: '0102030405060708' },
  ],
} as unknown as Scenario;
const clientOnly = (): Transcript => ({ entries: scenario.steps.map((s, i) => ({ from: 'client' as const, step: i, op: s.op })), bodies: {} });

t.test('silence is a timeout, not a finding', async (t) => {
  const wire = checkRuns(scenario, [{ target: 'slow', transcript: clientOnly(), exact: false }]);
  t.equal(wire.finding, null, 'over the wire: no finding');
  t.ok(wire.latitude.some((l) => l.rule === 'time-budget'), 'the time budget is counted instead');
  const inProcess = checkRuns(scenario, [{ target: 'in-process', transcript: clientOnly(), exact: true }]);
  t.equal(inProcess.finding?.rule, 'field-block-interrupted', 'in process, where nothing is slow, silence breaks the rule');
});

t.test('a server that answered anything is judged as it answered', async (t) => {
  const answered = clientOnly();
  answered.entries.push({ from: 'server', frame: { type: 'SETTINGS', ack: false, pairs: [] } } as unknown as Transcript['entries'][number]);
  t.equal(checkRuns(scenario, [{ target: 'quiet', transcript: answered, exact: false }]).finding?.rule, 'field-block-interrupted');
});
