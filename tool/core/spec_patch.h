// --update rewrites a spec by editing its text where the blessed spec
// differs, and nowhere else: comments, key order, quoting and layout of
// everything that still holds stay as the author wrote them.
#pragma once

#include <string>

#include "spec.h"

namespace labcheck {

// The text of `original` (as read: original.text) changed only where
// `blessed` differs from it. Should the edit not read back as `blessed`
// (YAML the editor does not handle, such as block scalars), the spec is
// written anew instead, keeping its leading comment.
std::string patch_spec(const Spec &original, const Spec &blessed);

}  // namespace labcheck
