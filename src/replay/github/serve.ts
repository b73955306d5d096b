/**
 * Serves a GitHub dataset on loopback until stopped, for trying cred by hand without a token or
 * the internet:
 *
 *   node dist/replay/github/serve.js [dataset.json]    # default: the lantern-labs fixture
 *
 * It prints the `apiUrl` to put in cred.json (`plugins.github.apiUrl`) and logs each GraphQL
 * operation it answers. Any non-empty GITHUB_TOKEN is accepted.
 */
import { fixtureDataset, GITHUB_FIXTURE } from './fixture.js';
import { operationName, operationVariables, startGithubStandIn } from './githubStandIn.js';

const file = process.argv[2] ?? GITHUB_FIXTURE;
const standIn = await startGithubStandIn(fixtureDataset(file));
process.stdout.write(`GitHub stand-in serving ${file}\napiUrl: ${standIn.apiUrl}\n`);
let logged = 0;
const timer = setInterval(() => {
  for (; logged < standIn.requests.length; logged++) {
    const request = standIn.requests[logged]!;
    const variables = operationVariables(request);
    const name = [variables.owner, variables.name].filter(Boolean).join('/');
    process.stdout.write(`${operationName(request) ?? request.path} ${name}\n`);
  }
}, 200);
const stop = () => {
  clearInterval(timer);
  void standIn.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
