/**
 * Words for the demo community's titles and messages: a fictional project (Tidepool, open
 * software for community tide and water-quality stations) with plausible issues, pull
 * requests, forum topics, chat lines and tasks. Only the shape of the text matters to cred
 * (links, mentions, quotes); the words make the explorer and reports read like a real place.
 */
import type { Random } from './random.js';

// prettier-ignore
const SUBJECTS = [
  'tide tables', 'sensor import', 'CSV export', 'station registry', 'map tiles', 'offline mode',
  'alerts', 'the station list', 'the API client', 'the config loader', 'release notes',
  'the translation pipeline', 'salinity readings', 'the calibration wizard', 'chart legends',
  'the mobile layout', 'time zones', 'the plugin loader', 'battery reports', 'the docs search',
];

// prettier-ignore
const ISSUE_TITLES = [
  'Crash when {s} is empty', '{S} ignores the timeout setting', 'Support {s} in the web app',
  '{S} shows wrong units', 'Slow start with many stations: {s}', 'Document {s}',
  '{S}: confusing error message', 'Flaky test around {s}', '{S} breaks on Safari',
];

// prettier-ignore
const PULL_TITLES = [
  'Fix {s} for empty input', 'Add {s} support', 'Speed up {s}', 'Refactor {s}',
  'Docs: explain {s}', 'Test {s} against recorded data', 'Translate {s} strings',
  'Handle time zones in {s}', 'Clean up {s}',
];

// prettier-ignore
const DOC_TITLES = [
  'Guide: setting up {s}', 'Fix typos in {s} page', 'Translate {s} guide', 'FAQ entry for {s}',
  'Update screenshots of {s}', 'New tutorial: {s}',
];

// prettier-ignore
const TOPIC_TITLES: Record<string, readonly string[]> = {
  announcements: ['Release {v} is out', 'Community call notes, {m}', 'Welcome to our new maintainers'],
  help: ['How do I configure {s}?', '{S} not working after upgrade', 'Best way to back up {s}?',
    'Question about {s}', 'Is {s} supported on Raspberry Pi?'],
  development: ['RFC: rethinking {s}', 'Design notes for {s}', 'Roadmap: {s}',
    'Proposal: deprecate the old {s}', 'Benchmarks for {s}'],
  governance: ['Budget for {m}', 'How we pay contributors', 'Code of conduct update',
    'Electing the steering group'],
  lounge: ['What are you reading this month?', 'Show your station setup', 'Coffee chat thread',
    'Favourite beaches'],
};

const REPLIES = [
  'Thanks, this helps a lot.',
  'I ran into the same thing last week.',
  'Could you share your config?',
  'That works for me now.',
  'Good point, I had not thought about that.',
  'I can take a look at this on the weekend.',
  '+1, would love to see this.',
  'Here is what I tried so far.',
];

const CHAT_LINES = [
  '今晚的例会改到 21:00',
  'Who can review the translation today?',
  '新的传感器到了，周末可以装',
  'Thanks everyone for the help with the workshop!',
  '文档已更新',
  'Station 7 is back online.',
  '有人能帮忙测试新版本吗？',
  'I will bring the spare batteries.',
];

// prettier-ignore
const TASKS = [
  '招募文案', '手册翻译', '活动物料设计', '例会纪要', '社区周报', '志愿者培训', '站点巡检',
  '传感器校准', '工作坊组织', '新人答疑', '数据清洗', '直播推流',
];

function fill(template: string, random: Random, month?: string): string {
  const subject = random.pick(SUBJECTS);
  return template
    .replace('{s}', subject)
    .replace('{S}', subject.charAt(0).toUpperCase() + subject.slice(1))
    .replace('{v}', `0.${random.int(4, 9)}.${random.int(0, 5)}`)
    .replace('{m}', month ?? 'this month');
}

export const text = {
  issueTitle: (random: Random) => fill(random.pick(ISSUE_TITLES), random),
  pullTitle: (random: Random, docs: boolean) =>
    fill(random.pick(docs ? DOC_TITLES : PULL_TITLES), random),
  topicTitle: (random: Random, category: string, month: string) =>
    fill(random.pick(TOPIC_TITLES[category] ?? TOPIC_TITLES.help!), random, month),
  reply: (random: Random) => random.pick(REPLIES),
  chatLine: (random: Random) => random.pick(CHAT_LINES),
  task: (random: Random) => random.pick(TASKS),
  subject: (random: Random) => random.pick(SUBJECTS),
};

/** A URL slug as Discourse makes one from a title. */
export function slugOf(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'topic'
  );
}
