"""A photo costs memory in proportion to what we keep, not to what it claims to be.

A 115 KB PNG claiming 6000 × 6600 pixels (39.6 megapixels, just under the limit) used to be
decoded, copied full size three times and take about 520 MB; ten of them came in one request.
It is decoded once, straight down to web size. Measured in a fresh process, by its peak
resident memory, since Pillow's buffers are not Python objects.
"""

import json
import subprocess
import sys

from django.conf import settings

from tests.photos.uploads import blank_png

MB = 1024 * 1024

MEASURE = """
import json, resource, sys
from django.core.files.uploadedfile import SimpleUploadedFile
from photos import images
data = sys.stdin.buffer.read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
processed = images.process(SimpleUploadedFile("big.png", data, content_type="image/png"))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"kb": after - before, "size": [processed.width, processed.height]}))
"""


def test_it_processes_a_39_megapixel_png_in_a_fraction_of_its_old_memory():
    content = blank_png(6000, 6600, "RGB")
    assert len(content) < 200_000
    finished = subprocess.run(
        [sys.executable, "-c", MEASURE],
        input=content,
        capture_output=True,
        cwd=settings.BASE_DIR,
        timeout=60,
        check=True,
    )
    measured = json.loads(finished.stdout)
    # Decoded once (6000 × 6600 × 4 bytes is 151 MB) plus the work of shrinking it.
    assert measured["kb"] * 1024 < 300 * MB
    assert measured["size"] == [1455, 1600]
