import { CircuitBreaker, type CircuitChange, type CircuitSettings } from '../circuit-breaker';

const settings: CircuitSettings = { failureThresholdPercent: 50, minimumCalls: 4, windowMs: 1_000, openMs: 500 };

function breaker() {
  const changes: CircuitChange[] = [];
  return { circuit: new CircuitBreaker(settings, (change) => changes.push(change)), changes };
}

describe('CircuitBreaker', () => {
  it('opens when unhealthy outcomes reach the threshold over at least the minimum calls', () => {
    const { circuit, changes } = breaker();
    circuit.record('normal', 'unhealthy', 0);
    circuit.record('normal', 'unhealthy', 1);
    circuit.record('normal', 'unhealthy', 2);
    expect(circuit.stateAt(2)).toBe('CLOSED'); // 3 calls < minimum 4
    circuit.record('normal', 'healthy', 3);
    expect(circuit.stateAt(3)).toBe('CLOSED'); // the threshold is checked when a failure arrives
    circuit.record('normal', 'unhealthy', 4);
    expect(circuit.stateAt(4)).toBe('OPEN');
    expect(changes).toEqual([{ from: 'CLOSED', to: 'OPEN', openForMs: 500 }]);
  });

  it('opens at exactly the threshold (≥), not only above it', () => {
    const { circuit } = breaker();
    circuit.record('normal', 'healthy', 0);
    circuit.record('normal', 'healthy', 0);
    circuit.record('normal', 'unhealthy', 0);
    circuit.record('normal', 'unhealthy', 0); // 2 of 4 = 50%
    expect(circuit.stateAt(0)).toBe('OPEN');
  });

  it('counts quota and input answers as healthy and ignores neutral outcomes', () => {
    const { circuit } = breaker();
    for (let i = 0; i < 20; i++) circuit.record('normal', 'neutral', i);
    for (let i = 0; i < 6; i++) circuit.record('normal', 'healthy', i);
    for (let i = 0; i < 5; i++) circuit.record('normal', 'unhealthy', i); // 5 of 11 < 50%
    expect(circuit.stateAt(10)).toBe('CLOSED');
  });

  it('forgets outcomes older than the window', () => {
    const { circuit } = breaker();
    for (let i = 0; i < 3; i++) circuit.record('normal', 'unhealthy', 0);
    for (let i = 0; i < 3; i++) circuit.record('normal', 'healthy', 1_500);
    circuit.record('normal', 'unhealthy', 1_500); // 1 of 4 in the window: the early failures have expired
    expect(circuit.stateAt(1_500)).toBe('CLOSED');
  });

  it('fails fast while OPEN, then lets exactly one probe through; success closes', () => {
    const { circuit, changes } = breaker();
    for (let i = 0; i < 4; i++) circuit.record('normal', 'unhealthy', 1_000);
    expect(circuit.blockedForMs(1_200)).toBe(300);
    expect(circuit.admit(1_200)).toBeUndefined();
    expect(circuit.stateAt(1_500)).toBe('HALF_OPEN');
    expect(circuit.admit(1_500)).toBe('probe');
    expect(circuit.admit(1_500)).toBeUndefined(); // one probe at a time
    expect(circuit.blockedForMs(1_500)).toBeGreaterThan(0);
    circuit.record('probe', 'healthy', 1_600);
    expect(circuit.stateAt(1_600)).toBe('CLOSED');
    expect(circuit.admit(1_600)).toBe('normal');
    expect(changes.map((c) => c.to)).toEqual(['OPEN', 'HALF_OPEN', 'CLOSED']);
  });

  it('re-opens when the probe fails, and frees the probe slot when its outcome is neutral', () => {
    const { circuit } = breaker();
    for (let i = 0; i < 4; i++) circuit.record('normal', 'unhealthy', 0);
    expect(circuit.admit(500)).toBe('probe');
    circuit.record('probe', 'neutral', 510);
    expect(circuit.admit(510)).toBe('probe');
    circuit.record('probe', 'unhealthy', 520);
    expect(circuit.stateAt(520)).toBe('OPEN');
    expect(circuit.blockedForMs(520)).toBe(500);
  });

  it('ignores late outcomes of attempts admitted before the circuit opened', () => {
    const { circuit } = breaker();
    for (let i = 0; i < 4; i++) circuit.record('normal', 'unhealthy', 0);
    circuit.record('normal', 'healthy', 10);
    expect(circuit.stateAt(10)).toBe('OPEN');
  });
});
