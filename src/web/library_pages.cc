#include "web/library_pages.h"

#include <fmt/format.h>

#include <charconv>
#include <functional>

#include "hub/library.h"
#include "hub/overview.h"
#include "web/list_queries.h"
#include "web/page_text.h"
#include "web/templates.h"

namespace inspire::web {
using Json = nlohmann::ordered_json;

namespace {
using Options = std::vector<std::pair<std::string, std::string>>;

// A file size in words people read ("840 KB", "2.4 MB").
std::string SizeText(int64_t bytes) {
  if (bytes < 1000) return fmt::format("{} B", bytes);
  if (bytes < 1000000) return fmt::format("{} KB", (bytes + 500) / 1000);
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
}

// The words "kind · language · year" of an item.
std::string Tags(const Json& item) {
  std::string tags =
      Label("library_kind_", item["kind"]) + " · " + Label("language_", item["language"]);
  if (item["year"].is_number_integer()) tags += fmt::format(" · {}", item["year"].get<int64_t>());
  return tags;
}

// One search result or list row.
Json ResultRow(const Json& item, const std::map<int64_t, std::string>& names) {
  Json row = {{"id", item["id"]},
              {"title", item["title"]},
              {"tags", Tags(item)},
              {"draft", item["status"] == "draft"},
              {"publisher", OrNull(OrganizationName(names, item["publisher"]))},
              {"approaches", OrNull(fmt::format("{}", fmt::join(item["approaches"], ", ")))}};
  if (item.contains("matched")) {
    std::vector<std::string> where;
    for (const Json& field : item["matched"]["fields"]) {
      where.push_back(Label("library_matched_", field));
    }
    row["matched"] = {{"where", fmt::format("{}", fmt::join(where, ", "))},
                      {"words", fmt::format("{}", fmt::join(item["matched"]["words"], " "))},
                      {"snippet", OrNull(item["matched"]["snippet"])}};
  }
  return row;
}

// A choice field's values (as the hub declares them) with their UI labels.
Options FieldOptions(const char* field, const std::string& label_prefix) {
  Options out;
  for (const std::string& value : hub::LibraryItemFields().Find(field)->choices) {
    out.emplace_back(value, Label(label_prefix, value));
  }
  return out;
}

Options KindOptions() { return FieldOptions("kind", "library_kind_"); }

Options LanguageOptions() { return FieldOptions("language", "language_"); }

// The filter selects, the current values selected.
Json FilterChoices(const catalogue::Catalogue& catalogue, const hub::LibraryQuery& query) {
  Options strategies, approaches, countries;
  for (const auto& s : catalogue.strategies()) strategies.emplace_back(s.id, s.id + " " + s.name);
  for (const auto& a : catalogue.approaches()) approaches.emplace_back(a.id, a.id + " " + a.name);
  for (const auto& c : catalogue.countries()) countries.emplace_back(c.iso3, c.name);
  return {{"kinds", Choices(KindOptions(), query.kind)},
          {"languages", Choices(LanguageOptions(), query.language)},
          {"strategies", Choices(strategies, query.strategy)},
          {"approaches", Choices(approaches, query.approach)},
          {"countries", Choices(countries, query.country)}};
}

// The page links of a list, keeping the search and filters.
void PageLinks(const PageInput& input, const hub::LibraryQuery& query, int64_t total, Json& view) {
  std::vector<std::pair<std::string, std::string>> kept;
  for (const char* name : {"q", "kind", "language", "strategy", "approach", "country"}) {
    const std::string value = input.Param(name);
    if (!value.empty()) kept.emplace_back(name, value);
  }
  const std::string filters = kept.empty() ? "" : "&" + UrlQuery(kept);
  const int64_t pages = std::max<int64_t>(1, (total + query.per_page - 1) / query.per_page);
  view["page"] = query.page;
  view["pages"] = pages;
  if (query.page > 1) view["previous"] = fmt::format("/library?page={}{}", query.page - 1, filters);
  if (query.page < pages) view["next"] = fmt::format("/library?page={}{}", query.page + 1, filters);
}

Json VersionRow(const Json& version) {
  return {{"number", version["number"]},
          {"date", version["added_at"].get<std::string>().substr(0, 10)},
          {"note", OrNull(version["note"])},
          {"file_name", version["file_name"]},
          {"size", SizeText(version["size"].get<int64_t>())},
          {"download", version["download"]}};
}

// The catalogue's names of a list of ids, as links.
Json Linked(const Json& ids, const char* path,
            const std::function<std::string(const std::string&)>& name) {
  Json out = Json::array();
  for (const Json& id : ids) {
    const std::string text = id;
    out.push_back({{"href", fmt::format("{}{}", path, text)}, {"label", name(text)}});
  }
  return out;
}

}  // namespace

core::Result<Page> LibraryPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                               const PageInput& input) {
  INSPIRE_ASSIGN_OR_RETURN(const hub::LibraryQuery query, LibraryQueryFrom(input.query));
  INSPIRE_ASSIGN_OR_RETURN(const Json list, hub::ListLibrary(db, input.actor, query));
  INSPIRE_ASSIGN_OR_RETURN(const auto names, hub::OrganizationNames(db));
  Json rows = Json::array();
  for (const Json& item : list["items"]) rows.push_back(ResultRow(item, names));
  Json view = FilterChoices(catalogue, query);
  view.update({{"q", query.text},
               {"searched", !query.text.empty()},
               {"results", rows},
               {"has_results", !rows.empty()},
               {"total", list["total"]},
               {"may_add", input.actor.IsStaff() || (input.actor.user_id &&
                                                     input.actor.role == hub::Role::kOrgEditor)}});
  PageLinks(input, query, list["total"].get<int64_t>(), view);
  INSPIRE_ASSIGN_OR_RETURN(std::string main, RenderTemplate("library", view));
  return Page{200, Label("", "library_title"), std::move(main), "library"};
}

core::Result<Page> LibraryItemView(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   const hub::Actor& actor, int64_t id, const std::string& csrf,
                                   const std::string& message) {
  auto item = hub::GetLibraryItem(db, actor, id);
  if (!item && item.error().code == core::ErrorCode::kNotFound) {
    return ErrorPage(404, Label("", "library_no_item"));
  }
  if (!item) return tl::unexpected(item.error());
  INSPIRE_ASSIGN_OR_RETURN(const auto names, hub::OrganizationNames(db));
  Json versions = Json::array();
  for (const Json& version : (*item)["versions"]) versions.push_back(VersionRow(version));
  const auto approach_name = [&](const std::string& id_text) {
    const auto* approach = catalogue.FindApproach(id_text);
    return approach == nullptr ? id_text : id_text + " " + approach->name;
  };
  const auto country_name = [&](const std::string& iso3) { return CountryName(catalogue, iso3); };
  Json view = {{"id", id},
               {"title", (*item)["title"]},
               {"tags", Tags(*item)},
               {"draft", (*item)["status"] == "draft"},
               {"message", OrNull(message)},
               {"summary", OrNull((*item)["summary"])},
               {"url", OrNull((*item)["url"])},
               {"publisher", OrNull(OrganizationName(names, (*item)["publisher"]))},
               {"publisher_id", (*item)["publisher"]},
               {"strategies", OrNull(fmt::format("{}", fmt::join((*item)["strategies"], ", ")))},
               {"approaches", Linked((*item)["approaches"], "/approaches/", approach_name)},
               {"countries", Linked((*item)["countries"], "/countries/", country_name)},
               {"has_approaches", !(*item)["approaches"].empty()},
               {"has_countries", !(*item)["countries"].empty()},
               {"versions", versions},
               {"has_versions", !versions.empty()},
               {"may_write", hub::MayWriteLibraryItem(actor, *item)},
               {"csrf", csrf}};
  INSPIRE_ASSIGN_OR_RETURN(std::string main, RenderTemplate("library_item", view));
  return Page{200, (*item)["title"].get<std::string>(), std::move(main), "library"};
}

core::Result<Page> LibraryItemPage(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   const PageInput& input) {
  const std::string& text = input.path.at(0);
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return ErrorPage(404, Label("", "library_no_item"));
  }
  return LibraryItemView(db, catalogue, input.actor, id, input.csrf, "");
}

}  // namespace inspire::web
