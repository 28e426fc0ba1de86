#include "survey/estimate.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <unordered_map>

#include "core/parallel.h"
#include "survey/suppression.h"

namespace inspire::survey {
namespace {

using core::ErrorCode;
using core::Fail;

// The domains of one `by` entry: each row's domain index (-1: a by-variable is missing), and
// each domain's codes, ordered by code.
struct Breakdown {
  std::string name;  // "sex*agegrp"
  std::vector<const Column*> columns;
  std::vector<std::vector<double>> domain_codes;
  DomainCells cells;
};

// Disaggregations are categorical: a variable with more levels than this (an id, a weight, an
// unbanded age) is a recipe mistake that would also cost memory per cell and PSU.
constexpr size_t kMaxLevels = 1000;
constexpr size_t kMaxCells = 2000;

// Each row's level index in one variable (-1 if missing), levels in ascending code order; no
// rows when there are more than kMaxLevels levels (the caller refuses them).
std::vector<DomainIndex> LevelIndex(const Column& column, std::vector<double>& levels) {
  const ColumnValues& values = column.values;
  levels.clear();
  if (const int8_t* codes = values.Int8Data()) {  // one-byte codes: a table, no hashing
    std::vector<DomainIndex> rows(values.size());
    std::array<DomainIndex, 256> level{};
    level.fill(-1);
    for (size_t row = 0; row < values.size(); ++row) level[static_cast<uint8_t>(codes[row])] = 0;
    for (int code = -128; code < 128; ++code) {
      const auto slot = static_cast<uint8_t>(static_cast<int8_t>(code));
      if (level[slot] < 0 || code == ColumnValues::kInt8Missing) continue;
      level[slot] = static_cast<DomainIndex>(levels.size());
      levels.push_back(code);
    }
    level[static_cast<uint8_t>(ColumnValues::kInt8Missing)] = -1;
    for (size_t row = 0; row < values.size(); ++row) {
      rows[row] = level[static_cast<uint8_t>(codes[row])];
    }
    return rows;
  }
  std::unordered_map<double, DomainIndex> index;
  double last_value = kMissing;
  for (const double value : values) {
    if (!IsMissing(value) && value != last_value) index.emplace(value, 0);
    last_value = value;
  }
  for (const auto& entry : index) levels.push_back(entry.first);
  std::sort(levels.begin(), levels.end());
  if (levels.size() > kMaxLevels) return {};
  for (size_t i = 0; i < levels.size(); ++i) index[levels[i]] = static_cast<DomainIndex>(i);
  std::vector<DomainIndex> rows(values.size(), -1);
  last_value = kMissing;
  DomainIndex last_level = -1;
  for (size_t row = 0; row < rows.size(); ++row) {
    const double value = values[row];
    if (IsMissing(value)) continue;
    if (value != last_value) {  // survey files repeat values in runs (sorted by cluster)
      last_value = value;
      last_level = index.find(value)->second;
    }
    rows[row] = last_level;
  }
  return rows;
}

// Each row's domain (-1 if a variable is missing), and b's domain codes. One variable's levels
// are its domains (each occurs). Crossed variables: a cell is the mixed-radix number of its
// levels (at most kMaxCells x kMaxLevels), and the cells that occur are the domains, numbered in
// that (code) order.
std::vector<DomainIndex> DomainOfEachRow(size_t variables,
                                         std::vector<std::vector<DomainIndex>>& row_levels,
                                         const std::vector<std::vector<double>>& levels,
                                         Breakdown& b) {
  if (variables == 1) {
    for (const double level : levels[0]) b.domain_codes.push_back({level});
    return std::move(row_levels[0]);
  }
  size_t cells = 1;
  for (const auto& l : levels) cells *= std::max<size_t>(1, l.size());
  std::vector<int32_t> row_cell(row_levels[0].size());
  std::vector<int32_t> cell_domain(cells, -1);
  for (size_t row = 0; row < row_cell.size(); ++row) {
    int64_t cell = 0;
    for (size_t v = 0; v < variables && cell >= 0; ++v) {
      const DomainIndex level = row_levels[v][row];
      cell = level < 0 ? -1 : cell * static_cast<int64_t>(levels[v].size()) + level;
    }
    row_cell[row] = static_cast<int32_t>(cell);
    if (cell >= 0) cell_domain[static_cast<size_t>(cell)] = 0;
  }
  int32_t next = 0;
  for (size_t cell = 0; cell < cells; ++cell) {
    if (cell_domain[cell] < 0) continue;
    cell_domain[cell] = next++;
    std::vector<double> codes(variables);
    size_t rest = cell;
    for (size_t v = variables; v-- > 0;) {
      codes[v] = levels[v][rest % levels[v].size()];
      rest /= levels[v].size();
    }
    b.domain_codes.push_back(std::move(codes));
  }
  // More domains than DomainIndex holds: MakeBreakdown refuses them before looking at rows.
  if (b.domain_codes.size() > kMaxCells) return {};
  std::vector<DomainIndex> row_domain(row_cell.size());
  for (size_t row = 0; row < row_cell.size(); ++row) {
    row_domain[row] = static_cast<DomainIndex>(
        row_cell[row] < 0 ? -1 : cell_domain[static_cast<size_t>(row_cell[row])]);
  }
  return row_domain;
}

core::Result<Breakdown> MakeBreakdown(const Table& table, const Design& design,
                                      const std::vector<std::string>& variables) {
  Breakdown b;
  std::vector<std::vector<DomainIndex>> row_levels;
  std::vector<std::vector<double>> levels(variables.size());
  for (size_t v = 0; v < variables.size(); ++v) {
    b.name += (b.name.empty() ? "" : "*") + variables[v];
    b.columns.push_back(table.Find(variables[v]));
    row_levels.push_back(LevelIndex(*b.columns.back(), levels[v]));
    if (levels[v].size() > kMaxLevels) {
      return Fail(ErrorCode::kValidation,
                  fmt::format("by variable '{}' has {} distinct values, more than the {} a "
                              "disaggregation may have; band it first, e.g. cut({}, [...])",
                              variables[v], levels[v].size(), kMaxLevels, variables[v]));
    }
  }
  size_t product = 1;
  for (const auto& l : levels) {
    product *= std::max<size_t>(1, l.size());
    if (product > kMaxCells * kMaxLevels) {
      return Fail(
          ErrorCode::kValidation,
          fmt::format("by [{}] crosses too many values; cross fewer or banded variables", b.name));
    }
  }
  std::vector<DomainIndex> row_domain = DomainOfEachRow(variables.size(), row_levels, levels, b);
  if (b.domain_codes.size() > kMaxCells) {
    return Fail(ErrorCode::kValidation,
                fmt::format("by [{}] makes {} cells, more than the {} a disaggregation may have",
                            b.name, b.domain_codes.size(), kMaxCells));
  }
  b.cells = CanStream(design, b.domain_codes.size())
                ? StreamedDomainCells(std::move(row_domain), b.domain_codes.size())
                : MakeDomainCells(design, row_domain, b.domain_codes.size());
  return b;
}

std::string CodeText(const Column& column, double code) {
  return column.is_text ? column.LabelOf(code) : FormatNumber(code);
}

// Checks that a block of a universe or numerator holds only 1, 0 or missing where it matters
// (`universe`: the block's universe, or nullptr for every row).
core::Result<void> CheckCondition(const Table& table, size_t begin, size_t count,
                                  const double* values, const double* universe,
                                  const std::string& id, std::string_view role,
                                  const std::string& source) {
  // A branch-free scan first; the rare offending row is looked for only when there is one.
  bool bad = false;
  for (size_t i = 0; i < count; ++i) {
    const double v = values[i];
    const bool condition = (v != v) | (v == 0) | (v == 1);
    bad |= !condition & (universe == nullptr || universe[i] == 1);
  }
  if (!bad) return {};
  for (size_t i = 0; i < count; ++i) {
    const double v = values[i];
    if (IsMissing(v) || v == 0 || v == 1) continue;
    if (universe != nullptr && universe[i] != 1) continue;
    return Fail(ErrorCode::kValidation,
                fmt::format("indicator '{}': {} '{}' gives {} in {}; it must be a condition (true, "
                            "false or missing), e.g. compare a variable with a code: x == 1",
                            id, role, source, FormatNumber(v), table.RowRef(begin + i)));
  }
  return {};
}

void ApplyFlag(EstimateRow& row, const RunOptions& options) {
  const double n = row.values.n_unweighted;
  // Suppressed rows are emptied by ProtectSuppressedCells, with the cells that protect them.
  row.flag =
      n < options.min_n ? Flag::kSuppressed : (n < options.caution_n ? Flag::kCaution : Flag::kOk);
}

// What a worker thread reuses from one indicator to the next.
struct WorkerState {
  // Per set of domains (the total's or a breakdown's), reset rather than reallocated for each
  // indicator.
  std::map<const DomainCells*, DomainSetState> states;
  EvaluationScratch scratch;
  std::vector<int8_t> outcome;  // logit intervals: each row's numerator (kOutside: not counted)

  DomainSetState& StateFor(const DomainCells& cells, const Design& design) {
    auto it = states.find(&cells);
    if (it == states.end()) it = states.emplace(&cells, DomainSetState(cells, design)).first;
    it->second.Reset();
    return it->second;
  }
};

// The block's rows of the universe (`members`, offsets from `begin`) with their terms in the
// streamed sums, worked out once for every set (`buffers`: room for a block).
struct MemberBuffers {
  std::array<double, kEvaluationBlock> w;
  std::array<double, kEvaluationBlock> wy;
  std::array<double, kEvaluationBlock> wa;
  std::array<uint8_t, kEvaluationBlock> kind;
  std::array<uint32_t, kEvaluationBlock> run_end;
  std::array<uint32_t, kEvaluationBlock> run_psu;
};

StreamedRows PrepareMembers(const Design& design, size_t begin, const uint32_t* members,
                            size_t count, const double* y, double shift, MemberBuffers& buffers) {
  const double* weight = design.weight.data() + begin;
  for (size_t m = 0; m < count; ++m) {
    const uint32_t i = members[m];
    const double value = y[i];
    const bool present = value == value;
    const double w = weight[i];
    buffers.w[m] = present ? w : 0.0;
    buffers.wy[m] = present ? w * value : 0.0;
    buffers.wa[m] = present ? w * (value - shift) : 0.0;
    buffers.kind[m] = static_cast<uint8_t>((present ? 0 : StreamedRows::kMissingBit) |
                                           (w > 0 ? 0 : StreamedRows::kZeroWeightBit));
  }
  // The runs of rows of one PSU, for the streamed sets (grouped tables only; the others ignore
  // them).
  const uint32_t* psu = design.psu.data() + begin;
  size_t runs = 0;
  for (size_t m = 0; m < count; ++m) {
    const uint32_t here = psu[members[m]];
    if (m + 1 < count && psu[members[m + 1]] == here) continue;
    buffers.run_end[runs] = static_cast<uint32_t>(m + 1);
    buffers.run_psu[runs] = here;
    ++runs;
  }
  return {members,
          buffers.w.data(),
          buffers.wy.data(),
          buffers.wa.data(),
          buffers.kind.data(),
          count,
          buffers.run_end.data(),
          buffers.run_psu.data(),
          runs};
}

// Adds the block's rows of the universe to one set's state. One set at a time over the block:
// the rows of a block share a few PSUs, so each pass writes to a few cells (or, streamed, to one
// PSU's sums), which stay in cache.
void AddBlock(const Design& design, const DomainCells& cells, size_t begin,
              const StreamedRows& rows, const double* y, Statistic statistic,
              DomainSetState& state) {
  const double* weight = design.weight.data() + begin;
  const uint32_t* members = rows.offset;
  if (cells.streamed) {
    static constexpr std::array<DomainIndex, kEvaluationBlock> kWholeSample{};  // all in domain 0
    const DomainIndex* domain =
        cells.row_domain.empty() ? kWholeSample.data() : cells.row_domain.data() + begin;
    state.AddStreamedRows(rows, domain);
    if (statistic == Statistic::kProportion) return;
    for (size_t m = 0; m < rows.count; ++m) {
      const uint32_t i = members[m];
      if (domain[i] >= 0) state.AddSquare(domain[i], weight[i], y[i]);
    }
    return;
  }
  const int32_t* cell = cells.row_cell.data() + begin;
  for (size_t m = 0; m < rows.count; ++m) {
    const uint32_t i = members[m];
    if (cell[i] >= 0) state.Add(cell[i], weight[i], y[i]);
  }
  if (statistic == Statistic::kProportion) return;
  for (size_t m = 0; m < rows.count; ++m) {
    const uint32_t i = members[m];
    if (cell[i] < 0) continue;
    state.AddSquare(static_cast<int32_t>(cells.cell_domain[static_cast<size_t>(cell[i])]),
                    weight[i], y[i]);
  }
}

// A mean's variance moments are taken about its first numerator in the universe (streamed sets,
// survey/proportion.h): sets every state's shift once one is seen, and says whether it was.
bool SetMeanShift(const double* y, const uint32_t* members, size_t count,
                  const std::vector<DomainSetState*>& states, double& shift) {
  for (size_t m = 0; m < count; ++m) {
    const double value = y[members[m]];
    if (IsMissing(value)) continue;
    for (DomainSetState* state : states) state->SetShift(value);
    shift = value;
    return true;
  }
  return false;
}

constexpr int8_t kOutside = -1;
constexpr int8_t kMissingOutcome = 2;

// The one pass over the rows in blocks: each block's universe and numerator evaluated into
// cache-sized buffers, checked, and added to every set's domain states; for the logit interval
// each row's outcome is kept for the second pass.
core::Result<void> AccumulateBlocks(const Table& table, const Design& design,
                                    const PreparedIndicator& indicator,
                                    const std::vector<const DomainCells*>& sets,
                                    const std::vector<DomainSetState*>& states, bool logit,
                                    WorkerState& worker) {
  double* universe = worker.scratch.Take();
  double* y = worker.scratch.Take();
  std::array<uint32_t, kEvaluationBlock> in_universe;
  struct Release {
    EvaluationScratch& scratch;
    ~Release() {
      scratch.Release();
      scratch.Release();
    }
  } release{worker.scratch};
  // A comparison, logic or membership gives only 1, 0 or missing: nothing to check.
  const bool universe_is_condition = indicator.universe && indicator.universe->IsCondition();
  const bool numerator_is_condition = indicator.numerator.IsCondition();
  bool shifted = false;
  double shift = 0;
  const auto buffers = std::make_unique<MemberBuffers>();
  for (size_t begin = 0; begin < table.rows(); begin += kEvaluationBlock) {
    const size_t count = std::min(kEvaluationBlock, table.rows() - begin);
    if (indicator.universe) {
      indicator.universe->EvaluateBlock(table, begin, count, universe, worker.scratch);
      if (!universe_is_condition) {
        INSPIRE_RETURN_IF_ERROR(CheckCondition(table, begin, count, universe, nullptr, indicator.id,
                                               "universe", indicator.universe->source()));
      }
      if (std::find(universe, universe + count, 1.0) == universe + count) continue;
    } else {
      std::fill_n(universe, count, 1.0);
    }
    indicator.numerator.EvaluateBlock(table, begin, count, y, worker.scratch);
    if (indicator.statistic == Statistic::kProportion && !numerator_is_condition) {
      INSPIRE_RETURN_IF_ERROR(CheckCondition(table, begin, count, y, universe, indicator.id,
                                             "numerator", indicator.numerator.source()));
    }
    // The block's rows in the universe, listed once for every set of domains.
    size_t members = 0;
    for (size_t i = 0; i < count; ++i) {
      in_universe[members] = static_cast<uint32_t>(i);
      members += universe[i] == 1 ? 1 : 0;
    }
    // One set of domains at a time over the block: the rows of a block share a few PSUs, so
    // each pass writes to a few cells, which stay in cache.
    if (members > 0 && !shifted && indicator.statistic == Statistic::kMean) {
      shifted = SetMeanShift(y, in_universe.data(), members, states, shift);
    }
    const StreamedRows rows =
        PrepareMembers(design, begin, in_universe.data(), members, y, shift, *buffers);
    for (size_t k = 0; k < sets.size(); ++k) {
      AddBlock(design, *sets[k], begin, rows, y, indicator.statistic, *states[k]);
    }
    if (!logit) continue;
    for (size_t i = 0; i < count; ++i) {
      if (universe[i] != 1) continue;
      worker.outcome[begin + i] =
          IsMissing(y[i]) ? kMissingOutcome : static_cast<int8_t>(y[i] == 1 ? 1 : 0);
    }
  }
  return {};
}

// Each row's domain in `cells` (-1 for none): the set's own list when streamed, else worked out
// from the rows' cells into `scratch`.
const DomainIndex* RowDomains(const DomainCells& cells, size_t rows,
                              std::vector<DomainIndex>& scratch) {
  if (cells.streamed && !cells.row_domain.empty()) return cells.row_domain.data();
  if (cells.streamed) {  // the whole sample
    scratch.assign(rows, 0);
    return scratch.data();
  }
  scratch.assign(cells.row_cell.size(), -1);
  for (size_t row = 0; row < scratch.size(); ++row) {
    const int32_t cell = cells.row_cell[row];
    if (cell >= 0)
      scratch[row] = static_cast<DomainIndex>(cells.cell_domain[static_cast<size_t>(cell)]);
  }
  return scratch.data();
}

// The second pass of the logit interval: the starting step of R's IRLS fit needs each domain's
// mean weight first (over the rows of R's subset: with the missing numerators under
// DfRule::kUniverse, without them otherwise), then each row's start.
void AddLogitStarts(const Table& table, const Design& design, DfRule df,
                    const std::vector<const DomainCells*>& sets,
                    const std::vector<DomainSetState*>& states, const WorkerState& worker) {
  const int8_t excluded = df == DfRule::kUniverse ? kOutside : kMissingOutcome;
  std::vector<DomainIndex> scratch;
  for (size_t k = 0; k < sets.size(); ++k) {
    const DomainIndex* row_domain = RowDomains(*sets[k], table.rows(), scratch);
    DomainSetState& state = *states[k];
    for (size_t row = 0; row < table.rows(); ++row) {
      const int8_t outcome = worker.outcome[row];
      if (outcome != kOutside && outcome != excluded && row_domain[row] >= 0) {
        state.AddRowWeight(row_domain[row], design.weight[row]);
      }
    }
    for (size_t row = 0; row < table.rows(); ++row) {
      const int8_t outcome = worker.outcome[row];
      if (outcome == kOutside || row_domain[row] < 0) continue;
      state.AddLogitStart(row_domain[row], design.weight[row],
                          outcome == kMissingOutcome ? kMissing : outcome);
    }
  }
}

// The estimate rows: the total, then each breakdown's domains that hold a row of the universe,
// flagged, with complementary suppression across them.
core::Result<std::vector<EstimateRow>> FinishRows(const Design& design,
                                                  const PreparedIndicator& indicator,
                                                  const std::vector<const Breakdown*>& breakdowns,
                                                  const std::vector<DomainSetState*>& states,
                                                  const RunOptions& options) {
  std::vector<EstimateRow> rows;
  EstimateRow row{indicator.id, indicator.name, "total", "", "", {}, Flag::kOk};
  row.statistic = indicator.statistic;
  INSPIRE_ASSIGN_OR_RETURN(row.values,
                           states[0]->Finish(0, design, options.estimate, indicator.statistic));
  ApplyFlag(row, options);
  rows.push_back(row);
  for (size_t g = 0; g < breakdowns.size(); ++g) {
    const Breakdown& b = *breakdowns[g];
    for (size_t d = 0; d < b.domain_codes.size(); ++d) {
      const DomainSetState& state = *states[g + 1];
      if (state.rows(d) == 0) continue;  // no row of the universe falls in this cell
      row.domain = b.name;
      row.domain_code.clear();
      row.domain_label.clear();
      for (size_t v = 0; v < b.columns.size(); ++v) {
        row.domain_code += (v > 0 ? "*" : "") + CodeText(*b.columns[v], b.domain_codes[d][v]);
        row.domain_label += (v > 0 ? "*" : "") + b.columns[v]->LabelOf(b.domain_codes[d][v]);
      }
      INSPIRE_ASSIGN_OR_RETURN(row.values,
                               state.Finish(d, design, options.estimate, indicator.statistic));
      ApplyFlag(row, options);
      rows.push_back(row);
    }
  }
  INSPIRE_RETURN_IF_ERROR(ProtectSuppressedCells(rows, options.min_n));
  return rows;
}

core::Result<std::vector<EstimateRow>> EstimateOne(const Table& table, const Design& design,
                                                   const DomainCells& whole_sample,
                                                   const PreparedIndicator& indicator,
                                                   const std::vector<const Breakdown*>& breakdowns,
                                                   const RunOptions& options, WorkerState& worker) {
  // Set 0 is the whole sample; set g + 1 is breakdown g.
  std::vector<const DomainCells*> sets = {&whole_sample};
  sets.reserve(breakdowns.size() + 1);
  for (const Breakdown* b : breakdowns) sets.push_back(&b->cells);
  std::vector<DomainSetState*> states;
  states.reserve(sets.size());
  for (const DomainCells* cells : sets) states.push_back(&worker.StateFor(*cells, design));
  const bool logit =
      options.estimate.ci == CiMethod::kLogit && indicator.statistic == Statistic::kProportion;
  if (logit) worker.outcome.assign(table.rows(), kOutside);
  INSPIRE_RETURN_IF_ERROR(AccumulateBlocks(table, design, indicator, sets, states, logit, worker));
  for (size_t k = 0; k < sets.size(); ++k) {
    if (sets[k]->streamed) states[k]->EndRows();
  }
  if (logit) AddLogitStarts(table, design, options.estimate.df, sets, states, worker);
  return FinishRows(design, indicator, breakdowns, states, options);
}

}  // namespace

std::string_view FlagName(Flag flag) {
  switch (flag) {
    case Flag::kOk:
      return "ok";
    case Flag::kCaution:
      return "caution";
    case Flag::kSuppressed:
      return "suppressed";
  }
  return "ok";
}

core::Result<std::vector<EstimateRow>> EstimateIndicators(
    const Table& table, const Design& design, const std::vector<PreparedIndicator>& indicators,
    const RunOptions& options) {
  const size_t thread_count = static_cast<size_t>(std::max(1, options.threads));
  // Each distinct breakdown is computed once, on the worker threads, and shared by the
  // indicators that use it.
  std::map<std::vector<std::string>, Breakdown> breakdowns;
  std::vector<std::pair<const std::vector<std::string>*, const PreparedIndicator*>> wanted;
  for (const auto& indicator : indicators) {
    for (const auto& by : indicator.by) {
      if (breakdowns.emplace(by, Breakdown{}).second) wanted.emplace_back(&by, &indicator);
    }
  }
  {
    std::vector<core::Result<Breakdown>> made(wanted.size());
    core::ParallelFor(wanted.size(), thread_count, [&](size_t, size_t i) {
      made[i] = MakeBreakdown(table, design, *wanted[i].first);
    });
    for (size_t i = 0; i < wanted.size(); ++i) {
      if (!made[i]) {
        return Fail(ErrorCode::kValidation, fmt::format("indicator '{}': {}", wanted[i].second->id,
                                                        made[i].error().message));
      }
      breakdowns[*wanted[i].first] = std::move(*made[i]);
    }
  }
  const DomainCells whole_sample = WholeSampleCells(design);
  std::vector<core::Result<std::vector<EstimateRow>>> results(indicators.size());
  std::atomic<size_t> done{0};
  // One worker state (scratch buffers, domain accumulators) per thread, reused across indicators.
  std::vector<WorkerState> states(std::max<size_t>(1, std::min(thread_count, indicators.size())));
  core::ParallelFor(indicators.size(), thread_count, [&](size_t worker, size_t i) {
    std::vector<const Breakdown*> used;
    for (const auto& by : indicators[i].by) used.push_back(&breakdowns.at(by));
    results[i] =
        EstimateOne(table, design, whole_sample, indicators[i], used, options, states[worker]);
    const size_t finished = ++done;
    if (options.progress) options.progress(finished, indicators.size());
  });
  std::vector<EstimateRow> rows;
  for (auto& result : results) {
    if (!result) return tl::unexpected(result.error());
    rows.insert(rows.end(), result->begin(), result->end());
  }
  return rows;
}

}  // namespace inspire::survey
