/**
 * The demo instance on disk (demo-run/): what `cred init` writes, then the settings a
 * maintainer of the demo community would have chosen: the plugins pointing at the stand-ins,
 * the community's own weights, the off-platform records and the payout section. Rewritten on
 * every run with the same content, except the stand-ins' addresses in cred.json, which
 * nothing the instance records depends on.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify as toYaml } from 'yaml';
import { canonicalJsonFile } from '../core/canonicalJson.js';
import { defaultInstanceConfig } from '../instance/config.js';
import { initInstance } from '../instance/init.js';
import { instancePaths } from '../instance/instance.js';
import { FORUM_ORIGIN, LOUNGE } from './generate/discourse.js';
import { FEISHU_CHAT, FEISHU_TABLE } from './generate/feishu.js';
import { GITHUB_OWNER, REPOSITORIES } from './generate/github.js';
import type { DemoCommunity } from './generate/index.js';
import { OC_COLLECTIVE } from './generate/openCollective.js';
import type { DemoUrls } from './standIns.js';

export const DEMO_NAME = 'Tidepool (demo)';
export const DEMO_CURRENCY = 'USD';

/** cred.json of the demo instance, for stand-ins at `urls`. */
export function demoConfig(urls: DemoUrls): Record<string, unknown> {
  return {
    ...defaultInstanceConfig(DEMO_NAME, DEMO_CURRENCY),
    plugins: {
      files: {},
      github: {
        repositories: REPOSITORIES.map((name) => `${GITHUB_OWNER}/${name}`),
        apiUrl: urls.githubApi,
        bots: ['tidebot-ci'],
      },
      discourse: {
        serverUrl: urls.discourseServer,
        publicUrl: FORUM_ORIGIN,
        // A real forum allows 60 requests a minute; the stand-in has no such limit.
        requestsPerMinute: 60_000,
      },
      feishu: {
        domain: urls.feishuDomain,
        utcOffset: '+08:00',
        chats: [FEISHU_CHAT],
        tables: [FEISHU_TABLE],
      },
    },
    payout: {
      ratio: '0.8',
      minimum: '10.00',
      reviewDays: 7,
      policy: { type: 'proportional' },
      opencollective: { collective: OC_COLLECTIVE, apiUrl: urls.openCollectiveApi },
    },
  };
}

/** The community's own weights, laid over the plugins' defaults. */
export const DEMO_WEIGHTS = {
  type: 'cred/weights',
  version: 1,
  description:
    "Tidepool's choices over the defaults. Forum likes weigh by category (the most specific key wins over discourse/like in discourse.json): an eighth of the default in help, development and announcements, a quarter in governance, where decisions are made, and nothing in the lounge, which is for chatting; so a lively forum week does not outweigh the code and the task table. Talks, workshops, translations and events done off-platform weigh like a few merged pull requests.",
  nodes: {
    'discourse/like/announcements': 0.5,
    'discourse/like/development': 0.5,
    'discourse/like/governance': 1,
    'discourse/like/help': 0.5,
    [`discourse/like/${LOUNGE}`]: 0,
    'files/contribution/event': 6,
    'files/contribution/talk': 8,
    'files/contribution/translation': 6,
    'files/contribution/workshop': 10,
  },
  edges: {},
};

/** Writes (or rewrites) the demo instance in `root`; returns the files written. */
export function writeDemoInstance(
  root: string,
  community: DemoCommunity,
  urls: DemoUrls,
): string[] {
  const paths = instancePaths(root);
  if (!existsSync(paths.config))
    initInstance(root, { name: DEMO_NAME, currency: DEMO_CURRENCY, bare: true });
  const written: string[] = [];
  const write = (file: string, content: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    written.push(path.relative(root, file));
  };
  write(paths.config, canonicalJsonFile(demoConfig(urls)));
  write(path.join(paths.weights, 'tidepool.json'), canonicalJsonFile(DEMO_WEIGHTS));
  for (const [month, records] of community.records) {
    const header = `# Off-platform work in ${month}, recorded by the maintainers (files plugin).\n`;
    write(path.join(paths.contributions, `${month}.yaml`), header + toYaml(records));
  }
  return written;
}
