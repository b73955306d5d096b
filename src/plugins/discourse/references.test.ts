import { describe, expect, it } from 'vitest';
import { parseReferences } from './references.js';

const SERVER = 'https://forum.example.org';

describe('plugins/discourse/references', () => {
  it('parseReferences(cooked, serverUrl) reads topic and post links with or without slugs', () => {
    const cooked = [
      '<a href="https://forum.example.org/t/budget/102">budget</a>',
      '<a href="/t/budget/102/3">post 3</a>',
      '<a href="/t/104">bare</a>',
      '<a href="/t/104/2?u=ana">bare post</a>',
      '<a href="/p/1055">short</a>',
      '<a href="HTTPS://FORUM.EXAMPLE.ORG/t/x/9/">upper</a>',
    ].join('\n');
    expect(parseReferences(cooked, SERVER)).toEqual([
      { kind: 'topic', topicId: 102 },
      { kind: 'topic', topicId: 102, postNumber: 3 },
      { kind: 'topic', topicId: 104 },
      { kind: 'topic', topicId: 104, postNumber: 2 },
      { kind: 'post', postId: 1055 },
      { kind: 'topic', topicId: 9 },
    ]);
  });

  it('parseReferences reads quotes, mentions and profile links, once each', () => {
    const cooked =
      '<aside class="quote no-group" data-username="river-kim" data-post="2" data-topic="102">' +
      '<div class="title"><a href="https://forum.example.org/t/budget/102/2">Budget</a></div>' +
      '</aside><p><a class="mention" href="/u/octo-ana">@octo-ana</a> and ' +
      '<a href="/u/Octo-Ana/summary">her profile</a>, <a class="mention-group" href="/groups/ops">@ops</a></p>' +
      '<aside class="onebox" data-onebox-src="https://github.com/o/r/pull/1"></aside>';
    expect(parseReferences(cooked, SERVER)).toEqual([
      { kind: 'topic', topicId: 102, postNumber: 2 },
      { kind: 'user', username: 'octo-ana' },
    ]);
  });

  it('parseReferences keeps links that leave the forum as URLs, and ignores anchors, mail and uploads', () => {
    const cooked = [
      '<a href="https://github.com/octo-org/cred-demo/pull/12" target="_blank">PR</a>',
      '<a href="https://github.com/octo-org/cred-demo/pull/12">again</a>',
      '<a href="https://other-forum.example.net/t/x/5">another forum</a>',
      '<a href="#heading">anchor</a>',
      '<a href="mailto:ops@example.org">mail</a>',
      '<a href="/uploads/default/original/1X/cat.png">upload</a>',
      '<a href="https://docs.example.org/a?b=1&amp;c=2">amp</a>',
      '<pre><code>https://example.com/not-a-link</code></pre>',
    ].join('\n');
    expect(parseReferences(cooked, SERVER)).toEqual([
      { kind: 'url', url: 'https://github.com/octo-org/cred-demo/pull/12' },
      { kind: 'url', url: 'https://other-forum.example.net/t/x/5' },
      { kind: 'url', url: 'https://docs.example.org/a?b=1&c=2' },
    ]);
  });

  it('parseReferences honours a forum in a subfolder: only links under it are the forum’s', () => {
    const server = 'http://127.0.0.1:4000/discourse';
    const cooked =
      '<a href="/discourse/t/x/7/2">in</a><a href="/t/x/8">outside the subfolder</a>' +
      '<a href="http://127.0.0.1:4000/discourse/u/lin-ops">lin</a>';
    expect(parseReferences(cooked, server)).toEqual([
      { kind: 'topic', topicId: 7, postNumber: 2 },
      { kind: 'url', url: 'http://127.0.0.1:4000/t/x/8' },
      { kind: 'user', username: 'lin-ops' },
    ]);
  });

  it('parseReferences counts a whole-topic quote once, as a quote of its first post', () => {
    const cooked =
      '<aside class="quote quote-modified" data-post="1" data-topic="104">' +
      '<div class="title"><a href="https://forum.example.org/t/ci-runners/104">CI runners</a>' +
      '</div><blockquote><p>the runners</p></blockquote></aside>' +
      '<p>See also <a href="/t/ci-runners/104">the thread</a>.</p>';
    // The title link inside the quote is the quote; the link after it is a reference of its own.
    expect(parseReferences(cooked, SERVER)).toEqual([
      { kind: 'topic', topicId: 104, postNumber: 1 },
      { kind: 'topic', topicId: 104 },
    ]);
    const quoteOnly = cooked.slice(0, cooked.indexOf('<p>See'));
    expect(parseReferences(quoteOnly, SERVER)).toEqual([
      { kind: 'topic', topicId: 104, postNumber: 1 },
    ]);
  });
});
