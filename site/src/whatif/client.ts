/** Runs what-ifs in the worker (created on first use, so other views never load it). */
import { whatIfUrl } from '../data.js';
import type { WhatIfRequest, WhatIfResponse } from './protocol.js';

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, (response: WhatIfResponse) => void>();

export type WhatIfResult = Extract<WhatIfResponse, { totals: Float64Array }>;

export function runWhatIf(
  identityCount: number,
  weights: {
    nodes: Map<string, number>;
    edges: Map<string, { forwards: number; backwards: number }>;
  },
  fractions?: Float64Array,
): Promise<WhatIfResult> {
  if (worker === undefined) {
    worker = new Worker(new URL('whatif-worker.js', document.baseURI));
    worker.onmessage = (event: MessageEvent<WhatIfResponse>) => {
      pending.get(event.data.id)?.(event.data);
      pending.delete(event.data.id);
    };
  }
  const request: WhatIfRequest = {
    id: nextId++,
    url: whatIfUrl(),
    identityCount,
    nodes: [...weights.nodes],
    edges: [...weights.edges],
    ...(fractions === undefined ? {} : { fractions }),
  };
  return new Promise((resolve, reject) => {
    pending.set(request.id, (response) =>
      'error' in response ? reject(new Error(response.error)) : resolve(response),
    );
    worker?.postMessage(request);
  });
}
