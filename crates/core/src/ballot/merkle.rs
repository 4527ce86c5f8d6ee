//! The ballot box's Merkle tree (RFC 6962 / RFC 9162 shape) over its leaves in ascending order, with inclusion proofs.
//!
//! Leaf node `SHA-256(0x00 || leaf)`, inner node `SHA-256(0x01 || left || right)`, empty tree
//! `SHA-256("")`; a tree of `n > 1` leaves splits at the largest power of two below `n`.
//! Sorting the leaves makes the root depend on the set of ballots only, not on the order they
//! arrived in, which would link them to the voters' times.

use super::hash::{Hash32, sha256};

const LEAF_PREFIX: [u8; 1] = [0x00];
const NODE_PREFIX: [u8; 1] = [0x01];

/// The leaves sorted ascending with duplicates removed: the order every tree function expects.
pub fn sorted_leaves(leaves: impl IntoIterator<Item = Hash32>) -> Vec<Hash32> {
    let mut sorted: Vec<Hash32> = leaves.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    sorted
}

fn leaf_node(leaf: &Hash32) -> Hash32 {
    sha256(&[&LEAF_PREFIX, &leaf.0])
}

fn inner_node(left: &Hash32, right: &Hash32) -> Hash32 {
    sha256(&[&NODE_PREFIX, &left.0, &right.0])
}

/// Replaces `level` by the level above it: adjacent pairs are joined and a last unpaired
/// node moves up unchanged. Repeated to one node, this builds exactly the RFC 6962 tree (its
/// left subtrees are perfect, so only the rightmost node of a level can lack a partner).
fn climb(level: &mut Vec<Hash32>) {
    let pairs = level.len() / 2;
    for i in 0..pairs {
        level[i] = inner_node(&level[2 * i], &level[2 * i + 1]);
    }
    if level.len() % 2 == 1 {
        level[pairs] = level[level.len() - 1];
        level.truncate(pairs + 1);
    } else {
        level.truncate(pairs);
    }
}

/// The root of the tree over `sorted_leaves` (see [`sorted_leaves`]; the tree is built over
/// the order given). One allocation of `n` hashes, reused level by level.
pub fn merkle_root(sorted_leaves: &[Hash32]) -> Hash32 {
    if sorted_leaves.is_empty() {
        return sha256(&[]);
    }
    let mut level: Vec<Hash32> = sorted_leaves.iter().map(leaf_node).collect();
    while level.len() > 1 {
        climb(&mut level);
    }
    level[0]
}

/// The audit path of leaf `index`: sibling hashes from the leaf up to the root (RFC 9162
/// §2.1.3.1 order). `None` when `index` is not a leaf of the tree.
pub fn inclusion_proof(sorted_leaves: &[Hash32], index: usize) -> Option<Vec<Hash32>> {
    if index >= sorted_leaves.len() {
        return None;
    }
    let mut level: Vec<Hash32> = sorted_leaves.iter().map(leaf_node).collect();
    let mut proof = Vec::new();
    let mut position = index;
    while level.len() > 1 {
        // A last node without a partner moves up as is and adds nothing to the path.
        if let Some(sibling) = level.get(position ^ 1) {
            proof.push(*sibling);
        }
        climb(&mut level);
        position /= 2;
    }
    Some(proof)
}

/// Whether `proof` shows `leaf` at `index` in a tree of `size` leaves with this `root`
/// (RFC 9162 §2.1.3.2).
pub fn verify_inclusion(
    leaf: &Hash32,
    index: usize,
    size: usize,
    proof: &[Hash32],
    root: &Hash32,
) -> bool {
    if index >= size {
        return false;
    }
    let mut position = index;
    let mut last = size - 1;
    let mut hash = leaf_node(leaf);
    for sibling in proof {
        if last == 0 {
            // The path is longer than the tree is high.
            return false;
        }
        if position % 2 == 1 || position == last {
            hash = inner_node(sibling, &hash);
            // A rightmost node without a partner moved up unchanged on these levels.
            if position.is_multiple_of(2) {
                while position.is_multiple_of(2) && position != 0 {
                    position /= 2;
                    last /= 2;
                }
            }
        } else {
            hash = inner_node(&hash, sibling);
        }
        position /= 2;
        last /= 2;
    }
    last == 0 && hash == *root
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn leaves(n: usize) -> Vec<Hash32> {
        sorted_leaves((0..n).map(|i| sha256(&[&(i as u64).to_be_bytes()])))
    }

    /// RFC 6962 §2.1 as written: recursive split at the largest power of two below n.
    fn reference_root(d: &[Hash32]) -> Hash32 {
        match d.len() {
            0 => sha256(&[]),
            1 => leaf_node(&d[0]),
            n => {
                let k = split(n);
                inner_node(&reference_root(&d[..k]), &reference_root(&d[k..]))
            }
        }
    }

    fn reference_path(m: usize, d: &[Hash32]) -> Vec<Hash32> {
        let n = d.len();
        if n <= 1 {
            return Vec::new();
        }
        let k = split(n);
        if m < k {
            let mut path = reference_path(m, &d[..k]);
            path.push(reference_root(&d[k..]));
            path
        } else {
            let mut path = reference_path(m - k, &d[k..]);
            path.push(reference_root(&d[..k]));
            path
        }
    }

    fn split(n: usize) -> usize {
        let mut k = 1;
        while k * 2 < n {
            k *= 2;
        }
        k
    }

    #[test]
    fn roots_match_the_hand_built_trees() {
        let d = leaves(8);
        let l = |i: usize| leaf_node(&d[i]);
        let h = inner_node;
        assert_eq!(
            merkle_root(&[]).to_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(merkle_root(&d[..1]), sha256(&[&[0u8], &d[0].0]));
        assert_eq!(merkle_root(&d[..2]), sha256(&[&[1u8], &l(0).0, &l(1).0]));
        assert_eq!(merkle_root(&d[..3]), h(&h(&l(0), &l(1)), &l(2)));
        let first_four = h(&h(&l(0), &l(1)), &h(&l(2), &l(3)));
        assert_eq!(merkle_root(&d[..5]), h(&first_four, &l(4)));
        let last_four = h(&h(&l(4), &l(5)), &h(&l(6), &l(7)));
        assert_eq!(merkle_root(&d), h(&first_four, &last_four));
        for n in 0..=33 {
            assert_eq!(merkle_root(&leaves(n)), reference_root(&leaves(n)), "{n}");
        }
    }

    #[test]
    fn every_leaf_proves_its_inclusion_and_nothing_else_does() {
        for size in 1..=17 {
            let d = leaves(size);
            let root = merkle_root(&d);
            let other_root = merkle_root(&leaves(size + 1));
            for index in 0..size {
                let proof = inclusion_proof(&d, index).unwrap();
                assert_eq!(proof, reference_path(index, &d), "{size}/{index}");
                assert!(verify_inclusion(&d[index], index, size, &proof, &root));
                let wrong_leaf = sha256(&[b"not in the box"]);
                assert!(!verify_inclusion(&wrong_leaf, index, size, &proof, &root));
                assert!(!verify_inclusion(
                    &d[index],
                    index,
                    size,
                    &proof,
                    &other_root
                ));
                if size > 1 {
                    let wrong_index = (index + 1) % size;
                    assert!(!verify_inclusion(
                        &d[index],
                        wrong_index,
                        size,
                        &proof,
                        &root
                    ));
                    let mut bent = proof.clone();
                    bent[0].0[0] ^= 1;
                    assert!(!verify_inclusion(&d[index], index, size, &bent, &root));
                    let mut longer = proof.clone();
                    longer.push(root);
                    assert!(!verify_inclusion(&d[index], index, size, &longer, &root));
                }
                assert!(!verify_inclusion(&d[index], size, size, &proof, &root));
            }
            assert_eq!(inclusion_proof(&d, size), None);
        }
    }

    #[test]
    fn any_change_to_the_set_of_leaves_changes_the_root() {
        let d = leaves(9);
        let root = merkle_root(&d);
        let mut removed = d.clone();
        removed.remove(4);
        assert_ne!(merkle_root(&removed), root);
        let added = sorted_leaves(d.iter().copied().chain([sha256(&[b"extra"])]));
        assert_eq!(added.len(), 10);
        assert_ne!(merkle_root(&added), root);
        let mut swapped = d.clone();
        swapped.swap(2, 3);
        assert_ne!(merkle_root(&swapped), root);
        let mut replaced = d.clone();
        replaced[8] = sha256(&[b"replacement"]);
        assert_ne!(merkle_root(&sorted_leaves(replaced)), root);
    }

    #[test]
    fn sorted_leaves_sorts_and_drops_duplicates() {
        let a = Hash32([1; 32]);
        let b = Hash32([2; 32]);
        assert_eq!(sorted_leaves([b, a, b]), vec![a, b]);
    }
}
