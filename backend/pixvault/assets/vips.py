"""libvips set-up shared by inspection and rendering.

Importing this module blocks libvips' untrusted loaders (ImageMagick, PDF, SVG, MATLAB and the
like) for the whole process: Pixvault only ever opens its own accepted types. Its operation
cache is off, since renditions are cached in storage and the cache would hold decoded images.
"""

from __future__ import annotations

import pyvips

pyvips.block_untrusted_set(True)
pyvips.cache_set_max(0)

Error = pyvips.Error
Image = pyvips.Image
