/**
 * The contributor page's gaming lens: who this identity reacted to (likes, emoji) and who
 * reacted to it, and a flag when it sits in a reciprocal cluster, a few accounts that mostly
 * react to each other (src/instance/site/reactions.ts decides; the page says why).
 */
import type { SiteReactions } from '../../../src/instance/site/format.js';
import { h, table } from '../dom.js';
import { formatPercent } from '../format.js';
import type { Model } from '../model.js';
import { href } from '../route.js';

export function reactionsSection(model: Model, index: number, reactions?: SiteReactions): Node[] {
  const heading = h('h2', {}, 'Reactions given and received');
  if (reactions === undefined) {
    return [heading, h('p', { class: 'status', id: 'reactions' }, 'No reactions either way.')];
  }
  const { identities } = model.data;
  const person = (other: number) =>
    h('a', { href: href('contributor', identities.id[other]) }, identities.name[other] as string);
  const partners = (id: string, title: string, rows: SiteReactions['given'], whole: number) =>
    h(
      'div',
      {},
      h('h3', {}, title),
      rows.length === 0
        ? h('p', { class: 'status' }, 'None.')
        : table(
            id,
            ['identity', 'reactions', '% of them'],
            1,
            rows.map(([other, n]) =>
              h(
                'tr',
                { 'data-ref': other },
                h('td', {}, person(other)),
                h('td', { class: 'num' }, n),
                h('td', { class: 'num' }, formatPercent(n, whole)),
              ),
            ),
          ),
    );
  return [
    heading,
    ...clusterNotice(model, index, reactions, person),
    h(
      'div',
      { class: 'grid', id: 'reactions' },
      partners(
        'reactions-given',
        `Given: ${reactions.givenTotal}`,
        reactions.given,
        reactions.givenTotal,
      ),
      partners(
        'reactions-received',
        `Received: ${reactions.receivedTotal}`,
        reactions.received,
        reactions.receivedTotal,
      ),
    ),
  ];
}

function clusterNotice(
  model: Model,
  index: number,
  reactions: SiteReactions,
  person: (other: number) => Node,
): Node[] {
  const { cluster } = reactions;
  if (cluster === undefined) return [];
  const name = model.data.identities.name[index] as string;
  const others = cluster.members.flatMap((other, k) => [k > 0 ? ', ' : '', person(other)]);
  return [
    h(
      'div',
      { class: 'flagged', id: 'reciprocal-cluster', role: 'note' },
      h('strong', {}, 'Reciprocal cluster. '),
      `${name} gave ${cluster.given} of its ${reactions.givenTotal} reactions `,
      `(${formatPercent(cluster.given, reactions.givenTotal)}) to `,
      ...others,
      `, and received ${cluster.received} of its ${reactions.receivedTotal} `,
      `(${formatPercent(cluster.received, reactions.receivedTotal)}) from them; each of them `,
      'also reacts mostly within this group. Accounts that mostly react to each other raise ',
      'each other’s cred whether or not anyone else values their work (a like ring). ',
      'Look at what they posted before a payout: a reaction cap in a weight file or an ',
      'exclusion ("cred exclude") limits what they get.',
    ),
  ];
}
