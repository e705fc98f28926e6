// Benchmark: f64 arithmetic. The n-body simulation of the Computer Language Benchmarks Game
// (the Jovian planets), advanced n steps of 0.01; returns the energy afterwards.

const SOLAR_MASS = 4.0 * Math.PI * Math.PI;
const DAYS_PER_YEAR = 365.24;

class Body {
  constructor(
    public x: f64, public y: f64, public z: f64,
    public vx: f64, public vy: f64, public vz: f64,
    public mass: f64,
  ) {}
}

function makeBodies(): StaticArray<Body> {
  const bodies = new StaticArray<Body>(5);
  bodies[0] = new Body(0, 0, 0, 0, 0, 0, SOLAR_MASS);
  bodies[1] = new Body( // Jupiter
    4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
    1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR, -6.90460016972063023e-05 * DAYS_PER_YEAR,
    9.54791938424326609e-04 * SOLAR_MASS);
  bodies[2] = new Body( // Saturn
    8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
    -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR, 2.30417297573763929e-05 * DAYS_PER_YEAR,
    2.85885980666130812e-04 * SOLAR_MASS);
  bodies[3] = new Body( // Uranus
    1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
    2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR, -2.96589568540237556e-05 * DAYS_PER_YEAR,
    4.36624404335156298e-05 * SOLAR_MASS);
  bodies[4] = new Body( // Neptune
    1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
    2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR, -9.51592254519715870e-05 * DAYS_PER_YEAR,
    5.15138902046611451e-05 * SOLAR_MASS);
  // offset the sun's momentum
  let px = 0.0, py = 0.0, pz = 0.0;
  for (let i = 0; i < 5; i++) {
    const b = bodies[i];
    px += b.vx * b.mass;
    py += b.vy * b.mass;
    pz += b.vz * b.mass;
  }
  bodies[0].vx = -px / SOLAR_MASS;
  bodies[0].vy = -py / SOLAR_MASS;
  bodies[0].vz = -pz / SOLAR_MASS;
  return bodies;
}

function advance(bodies: StaticArray<Body>, dt: f64): void {
  const n = bodies.length;
  for (let i = 0; i < n; i++) {
    const a = unchecked(bodies[i]);
    for (let j = i + 1; j < n; j++) {
      const b = unchecked(bodies[j]);
      const dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
      const d2 = dx * dx + dy * dy + dz * dz;
      const mag = dt / (d2 * Math.sqrt(d2));
      a.vx -= dx * b.mass * mag;
      a.vy -= dy * b.mass * mag;
      a.vz -= dz * b.mass * mag;
      b.vx += dx * a.mass * mag;
      b.vy += dy * a.mass * mag;
      b.vz += dz * a.mass * mag;
    }
  }
  for (let i = 0; i < n; i++) {
    const b = unchecked(bodies[i]);
    b.x += dt * b.vx;
    b.y += dt * b.vy;
    b.z += dt * b.vz;
  }
}

function energy(bodies: StaticArray<Body>): f64 {
  let e = 0.0;
  const n = bodies.length;
  for (let i = 0; i < n; i++) {
    const a = unchecked(bodies[i]);
    e += 0.5 * a.mass * (a.vx * a.vx + a.vy * a.vy + a.vz * a.vz);
    for (let j = i + 1; j < n; j++) {
      const b = unchecked(bodies[j]);
      const dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
      e -= (a.mass * b.mass) / Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

/** The system's energy after n steps (a fresh system each call). */
export function run(n: i32): f64 {
  const bodies = makeBodies();
  for (let i = 0; i < n; i++) advance(bodies, 0.01);
  return energy(bodies);
}
