// Benchmark: allocation and garbage collection. The binary-trees program of the Computer
// Language Benchmarks Game: many short-lived trees, one long-lived tree, all managed by ITCMS.

class TreeNode {
  constructor(public left: TreeNode | null, public right: TreeNode | null) {}

  check(): i32 {
    const left = this.left;
    const right = this.right;
    return left && right ? 1 + left.check() + right.check() : 1;
  }
}

function bottomUp(depth: i32): TreeNode {
  return depth > 0 ? new TreeNode(bottomUp(depth - 1), bottomUp(depth - 1)) : new TreeNode(null, null);
}

/** Runs the program with maximum depth n; returns the sum of every check it prints. */
export function run(n: i32): i32 {
  const minDepth = 4;
  const maxDepth = max(minDepth + 2, n);
  let checksum = bottomUp(maxDepth + 1).check(); // stretch tree
  const longLived = bottomUp(maxDepth);
  for (let depth = minDepth; depth <= maxDepth; depth += 2) {
    const iterations = 1 << (maxDepth - depth + minDepth);
    let check = 0;
    for (let i = 0; i < iterations; i++) check += bottomUp(depth).check();
    checksum += check;
  }
  return checksum + longLived.check();
}
