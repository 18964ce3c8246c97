"""Tabular imports: HR exports (CSV, XLSX) and a column mapping turned into cases."""

from .mapping import LoadedMapping, Mapping, load_mapping, mapping_schema
from .mapping_check import check_mapping
from .population import Counts, EmployeeCase, Population
from .rows import RowProblem

__all__ = ["Counts", "EmployeeCase", "LoadedMapping", "Mapping", "Population", "RowProblem",
           "check_mapping", "load_mapping", "mapping_schema"]
