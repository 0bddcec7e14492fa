"""stub"""

from tests.access_probes import Probe

PROBES: list[Probe] = []
