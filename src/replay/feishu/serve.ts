/**
 * Serves a Feishu dataset on loopback until interrupted, so the plugin can be tried by hand:
 *
 *   node dist/replay/feishu/serve.js test/fixtures/feishu/community.json [--page-items 2]
 *
 * It prints the `domain` to put in plugins.feishu of cred.json and the fake app credentials to
 * export before `cred load`.
 */
import { readFileSync } from 'node:fs';
import { parseFeishuDataset } from './dataset.js';
import { startFeishuStandIn } from './standIn.js';

const [file, flag, value] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: node dist/replay/feishu/serve.js DATASET.json [--page-items N]\n');
  process.exit(2);
}
const dataset = parseFeishuDataset(JSON.parse(readFileSync(file, 'utf8')), file);
const standIn = await startFeishuStandIn(
  dataset,
  flag === '--page-items' ? { maxPageItems: Number(value) } : {},
);
process.stdout.write(
  `Feishu stand-in for ${file}\n` +
    `  "domain": "${standIn.domain}"\n` +
    `  export FEISHU_APP_ID=${dataset.app.appId} FEISHU_APP_SECRET=${dataset.app.appSecret}\n` +
    'Ctrl-C to stop.\n',
);
process.on('SIGINT', () => void standIn.close().then(() => process.exit(0)));
