// RFC 7541 Appendix C examples C.2 to C.6, byte for byte, with the dynamic
// table after every block (RFC's "Dynamic Table (after decoding)").
import t from 'tap';
import type { Test } from 'tap';
import { HDDeflater, HDInflater } from '../../impl/index.js';
import { fromHex, toHex, fieldsText, tableText } from './helpers.js';

interface Step {
  wire: string;
  headers: string[];
  table: string[];
}

const REQUEST_1 = [':method: GET', ':scheme: http', ':path: /', ':authority: www.example.com'];
const REQUEST_2 = [...REQUEST_1, 'cache-control: no-cache'];
const REQUEST_3 = [':method: GET', ':scheme: https', ':path: /index.html', ':authority: www.example.com', 'custom-key: custom-value'];
const REQUEST_TABLES = [
  ['(s=57) :authority: www.example.com'],
  ['(s=53) cache-control: no-cache', '(s=57) :authority: www.example.com'],
  ['(s=54) custom-key: custom-value', '(s=53) cache-control: no-cache', '(s=57) :authority: www.example.com'],
];
const RESPONSE_1 = [':status: 302', 'cache-control: private', 'date: Mon, 21 Oct 2013 20:13:21 GMT', 'location: https://www.example.com'];
const RESPONSE_2 = [':status: 307', ...RESPONSE_1.slice(1)];
const RESPONSE_3 = [
  ':status: 200',
  'cache-control: private',
  'date: Mon, 21 Oct 2013 20:13:22 GMT',
  'location: https://www.example.com',
  'content-encoding: gzip',
  'set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1',
];
const RESPONSE_TABLES = [
  ['(s=63) location: https://www.example.com', '(s=65) date: Mon, 21 Oct 2013 20:13:21 GMT', '(s=52) cache-control: private', '(s=42) :status: 302'],
  ['(s=42) :status: 307', '(s=63) location: https://www.example.com', '(s=65) date: Mon, 21 Oct 2013 20:13:21 GMT', '(s=52) cache-control: private'],
  ['(s=98) set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1', '(s=52) content-encoding: gzip', '(s=65) date: Mon, 21 Oct 2013 20:13:22 GMT'],
];

function decodeSteps(t: Test, steps: Step[], maxTableSize = 4096): void {
  const inflater = new HDInflater({ maxTableSize });
  steps.forEach((step, i) => {
    t.same(fieldsText(inflater.inflate(fromHex(step.wire))), step.headers, `block ${i + 1}: header list`);
    t.same(tableText(inflater.getHdTable()), step.table, `block ${i + 1}: dynamic table`);
  });
}

t.test('RFC 7541 C.2.1: literal with indexing', async (t) =>
  decodeSteps(t, [{ wire: '400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572', headers: ['custom-key: custom-header'], table: ['(s=55) custom-key: custom-header'] }]),
);

t.test('RFC 7541 C.2.2: literal without indexing', async (t) =>
  decodeSteps(t, [{ wire: '040c 2f73 616d 706c 652f 7061 7468', headers: [':path: /sample/path'], table: [] }]),
);

t.test('RFC 7541 C.2.3: literal never indexed', async (t) =>
  decodeSteps(t, [{ wire: '1008 7061 7373 776f 7264 0673 6563 7265 74', headers: ['password: secret'], table: [] }]),
);

t.test('RFC 7541 C.2.4: indexed field', async (t) => decodeSteps(t, [{ wire: '82', headers: [':method: GET'], table: [] }]));

const C3 = [
  '8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
  '8286 84be 5808 6e6f 2d63 6163 6865',
  '8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65',
];
const C4 = ['8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff', '8286 84be 5886 a8eb 1064 9cbf', '8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf'];
const C5 = [
  '4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
  '4803 3330 37c1 c0bf',
  '88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31',
];
const C6 = [
  '4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3',
  '4883 640e ffc1 c0bf',
  '88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07',
];
const requests = (wires: string[]): Step[] => wires.map((wire, i) => ({ wire, headers: [REQUEST_1, REQUEST_2, REQUEST_3][i]!, table: REQUEST_TABLES[i]! }));
const responses = (wires: string[]): Step[] => wires.map((wire, i) => ({ wire, headers: [RESPONSE_1, RESPONSE_2, RESPONSE_3][i]!, table: RESPONSE_TABLES[i]! }));

t.test('RFC 7541 C.3: requests without Huffman', async (t) => decodeSteps(t, requests(C3)));
t.test('RFC 7541 C.4: requests with Huffman', async (t) => decodeSteps(t, requests(C4)));
t.test('RFC 7541 C.5: responses without Huffman, table size 256 (evictions)', async (t) => decodeSteps(t, responses(C5), 256));
t.test('RFC 7541 C.6: responses with Huffman, table size 256 (evictions)', async (t) => decodeSteps(t, responses(C6), 256));

t.test('RFC 7541 C.4: our deflater writes the same bytes and table', async (t) => {
  // C.4 indexes exactly what libnghttp2 indexes, so the deflater reproduces it.
  const deflater = new HDDeflater();
  [REQUEST_1, REQUEST_2, REQUEST_3].forEach((lines, i) => {
    const headers = lines.map((l) => {
      const at = l.indexOf(': ', 1);
      return [l.slice(0, at), l.slice(at + 2)] as [string, string];
    });
    t.equal(toHex(deflater.deflate(headers)), C4[i]!.replace(/ /g, ''), `C.4.${i + 1} bytes`);
    t.same(tableText(deflater.getHdTable()), REQUEST_TABLES[i], `C.4.${i + 1} table`);
  });
});
