import { GenerationPace } from '../generation-pace';

describe('GenerationPace', () => {
  it('When nothing was learnt, then a sequence is expected at Sonnet\'s pace: 0.6 s to the first token, 60 tokens a second', () => {
    const pace = new GenerationPace();

    expect(pace.expectedTokens(1, 2_048)).toBe(1_000);
    expect(pace.expectedMs(600)).toBe(10_600);
    expect(pace.expectedTokens(1, 512)).toBe(512);
  });

  it('When streams completed slower, then the expectation moves towards what they took, a fifth per stream', () => {
    const pace = new GenerationPace();
    pace.learn({ ttftMs: 1_600, writingMs: 20_000, outputTokens: 600, share: 1 });

    // ttft 600 → 800; pace 60 → 54 tokens/s; sequence 1000 → 920 tokens.
    expect(pace.expectedTokens(1, 2_048)).toBe(920);
    expect(pace.expectedMs(540)).toBeCloseTo(800 + 10_000, 6);
  });

  it('When a part of a parallel sequence completes, then it teaches the whole sequence length through its share', () => {
    const pace = new GenerationPace();
    pace.learn({ ttftMs: 600, writingMs: 5_000, outputTokens: 300, share: 0.25 });

    expect(pace.expectedTokens(1, 4_096)).toBe(1_040);
  });

  it('When a stream is too short to say anything about the pace, then nothing is learnt', () => {
    const pace = new GenerationPace();
    pace.learn({ ttftMs: 5_000, writingMs: 10, outputTokens: 5, share: 1 });

    expect(pace.expectedMs(0)).toBe(600);
  });
});
