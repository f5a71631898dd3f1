//! Strongly connected components of a [`Reach`], numbered so that dependencies come first.

use super::reach::Reach;

/// The components of the dependency graph (an edge from each link's `from` to each of its
/// targets). Component ids follow a topological order with dependencies first: for every
/// edge `v -> t`, `comp[t] <= comp[v]`, with equality exactly when both lie on one cycle.
pub(super) struct Components {
    /// Component of each node.
    pub comp: Vec<u32>,
    /// Whether each component is a cycle (more than one node).
    pub cyclic: Vec<bool>,
}

impl Components {
    /// Tarjan's algorithm, iterative (a chain of a million assets must not overflow the
    /// stack). Linear in nodes and edges.
    pub fn new(r: &Reach) -> Components {
        const NONE: u32 = u32::MAX;
        let n = r.len();
        let mut index = vec![NONE; n];
        let mut low = vec![0u32; n];
        let mut on_stack = vec![false; n];
        let mut stack: Vec<u32> = Vec::new();
        let mut comp = vec![NONE; n];
        let mut cyclic: Vec<bool> = Vec::new();
        // (node, position of the next successor to look at)
        let mut calls: Vec<(u32, usize)> = Vec::new();
        let mut next_index = 0u32;
        for root in 0..n as u32 {
            if index[root as usize] != NONE {
                continue;
            }
            calls.push((root, 0));
            while let Some(&(v, pos)) = calls.last() {
                let vi = v as usize;
                if pos == 0 && index[vi] == NONE {
                    index[vi] = next_index;
                    low[vi] = next_index;
                    next_index += 1;
                    stack.push(v);
                    on_stack[vi] = true;
                }
                let succ = r.successors(v);
                if let Some(&w) = succ.get(pos) {
                    if let Some(top) = calls.last_mut() {
                        top.1 = pos + 1;
                    }
                    let wi = w as usize;
                    if index[wi] == NONE {
                        calls.push((w, 0));
                    } else if on_stack[wi] {
                        low[vi] = low[vi].min(index[wi]);
                    }
                    continue;
                }
                calls.pop();
                if let Some(&(parent, _)) = calls.last() {
                    let p = parent as usize;
                    low[p] = low[p].min(low[vi]);
                }
                if low[vi] == index[vi] {
                    let id = cyclic.len() as u32;
                    let mut size = 0;
                    loop {
                        let w = stack.pop().expect("the component's root is on the stack");
                        on_stack[w as usize] = false;
                        comp[w as usize] = id;
                        size += 1;
                        if w == v {
                            break;
                        }
                    }
                    cyclic.push(size > 1);
                }
            }
        }
        Components { comp, cyclic }
    }

    /// Whether node `v` lies on a cycle.
    pub fn on_cycle(&self, v: u32) -> bool {
        self.cyclic[self.comp[v as usize] as usize]
    }

    /// The nodes sorted by component, dependencies first (stable: by node within one).
    pub fn topological(&self) -> Vec<u32> {
        let mut start = vec![0u32; self.cyclic.len() + 1];
        for &c in &self.comp {
            start[c as usize + 1] += 1;
        }
        for i in 0..self.cyclic.len() {
            start[i + 1] += start[i];
        }
        let mut order = vec![0u32; self.comp.len()];
        for (v, &c) in self.comp.iter().enumerate() {
            order[start[c as usize] as usize] = v as u32;
            start[c as usize] += 1;
        }
        order
    }
}
