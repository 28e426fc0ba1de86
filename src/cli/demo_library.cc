#include "cli/demo_library.h"

#include <nlohmann/json.hpp>
#include <string>

#include "cli/demo_pdf.h"
#include "cli/demo_rule.h"
#include "hub/library.h"
#include "hub/library_files.h"

namespace inspire::cli {
namespace {

using Json = nlohmann::ordered_json;

// One demo item; `text` (paragraphs) becomes its PDF when not empty.
struct DemoItem {
  Json fields;
  std::vector<std::string> text;
  std::string file_name;
};

DemoItem FacilitatorGuideItem(const std::vector<int64_t>& orgs) {
  return {{{"title", "Parenting sessions in the home: a facilitator's guide"},
           {"kind", "guide"},
           {"summary",
            "Step-by-step sessions for home visitors who support parents of young "
            "children: play, praise, calm limits instead of harsh punishment."},
           {"language", "en"},
           {"year", 2025},
           {"publisher", orgs[0]},
           {"strategies", {"P4"}},
           {"approaches", {"P4.1"}},
           {"countries", {"KEN", "UGA"}},
           {"status", "published"}},
          {"Each session opens with a short check-in about the week at home.",
           "Home visiting works best when the visitor models positive discipline: naming the "
           "behaviour, praising effort, and using calm time-out rather than beating or shouting.",
           "Session four covers toddler tantrums; session six covers talking with teenagers."},
          "facilitator-guide.pdf"};
}

DemoItem EcolesSansViolenceItem(const std::vector<int64_t>& orgs) {
  return {{{"title", "Guide de l'animatrice : écoles sans violence"},
           {"kind", "training"},
           {"summary",
            "Modules de formation pour le personnel scolaire : discipline positive, "
            "signalement des violences, classes sûres."},
           {"language", "fr"},
           {"year", 2024},
           {"publisher", orgs[1]},
           {"strategies", {"E7"}},
           {"approaches", {"E7.4"}},
           {"countries", {"SEN", "CIV"}},
           {"status", "published"}},
          {"Module 1 : comprendre les effets de la violence à l'école sur l'apprentissage.",
           "Module 2 : la discipline positive en classe, sans châtiment corporel.",
           "Module 3 : écouter un élève qui révèle une violence et l'orienter vers les services."},
          "ecoles-sans-violence.pdf"};
}

DemoItem TransferenciasEvaluacionItem(const std::vector<int64_t>& orgs) {
  return {{{"title", "Transferencias monetarias y protección de la niñez: informe de evaluación"},
           {"kind", "report"},
           {"summary",
            "Resultados de una evaluación de transferencias en efectivo con sesiones "
            "para cuidadores en dos provincias."},
           {"language", "es"},
           {"year", 2023},
           {"publisher", orgs[2]},
           {"strategies", {"I5"}},
           {"approaches", {"I5.1"}},
           {"countries", {"COL"}},
           {"status", "published"}},
          {"La evaluación comparó hogares con transferencias en efectivo y hogares sin ellas.",
           "El castigo físico reportado por los cuidadores bajó en los hogares que recibieron las "
           "transferencias junto con sesiones de crianza."},
          "transferencias-evaluacion.pdf"};
}

DemoItem HelplineManualItem(const std::vector<int64_t>& orgs) {
  return {{{"title", "Linhas de ajuda para crianças: manual de atendimento"},
           {"kind", "tool"},
           {"summary", "Como atender chamadas de crianças e encaminhar casos aos serviços."},
           {"language", "pt"},
           {"year", 2025},
           {"publisher", orgs[3]},
           {"strategies", {"R6"}},
           {"approaches", {"R6.1"}},
           {"countries", {"MOZ"}},
           {"status", "published"}},
          {},
          ""};
}

DemoItem WebinarRecordingItem(const std::vector<int64_t>& orgs) {
  return {{{"title", "Webinar recording: laws that ban violent punishment"},
           {"kind", "recording"},
           {"summary", "Ninety minutes with three countries on passing and enforcing a ban."},
           {"url", "https://example.org/webinars/laws-violent-punishment"},
           {"language", "en"},
           {"year", 2026},
           {"publisher", orgs[4]},
           {"strategies", {"I1"}},
           {"approaches", {"I1.1"}},
           {"status", "published"}},
          {},
          ""};
}

DemoItem SafeSchoolsGuideItem(const std::vector<int64_t>& orgs) {
  return {{{"title", "دليل المدارس الآمنة"},
           {"kind", "guide"},
           {"summary", "دليل قصير للمعلمين حول بيئة مدرسية آمنة وخالية من العنف."},
           {"url", "https://example.org/library/safe-schools-ar"},
           {"language", "ar"},
           {"year", 2024},
           {"publisher", orgs[1]},
           {"strategies", {"S3"}},
           {"approaches", {"S3.2"}},
           {"countries", {"JOR"}},
           {"status", "published"}},
          {},
          ""};
}

DemoItem DraftMonitoringPlanItem(const std::vector<int64_t>& orgs) {
  return {{{"title", "Draft: monitoring plan for the coming review"},
           {"kind", "other"},
           {"summary", "Not ready to share: the secretariat's draft of the monitoring plan."},
           {"language", "en"},
           {"year", 2026},
           {"publisher", orgs[0]},
           {"status", "draft"}},
          {},
          ""};
}

// The demo library, one item per function.
std::vector<DemoItem> Items(const std::vector<int64_t>& orgs) {
  return {FacilitatorGuideItem(orgs),         EcolesSansViolenceItem(orgs),
          TransferenciasEvaluacionItem(orgs), HelplineManualItem(orgs),
          WebinarRecordingItem(orgs),         SafeSchoolsGuideItem(orgs),
          DraftMonitoringPlanItem(orgs)};
}

core::Result<void> AddFile(store::Connection& db, int64_t id, const DemoItem& item,
                           const std::string& note) {
  const hub::Upload upload{item.file_name, DemoPdf(item.fields["title"], item.text), note};
  return DemoRule(hub::AddLibraryVersion(db, hub::Actor::System(), id, upload, 1u << 20),
                  "library file")
      .map([](auto&&) {});
}

}  // namespace

core::Result<DemoLibrary> AddDemoLibrary(store::Connection& db,
                                         const catalogue::Catalogue& catalogue,
                                         const std::vector<int64_t>& organizations) {
  DemoLibrary made;
  for (DemoItem& item : Items(organizations)) {
    INSPIRE_ASSIGN_OR_RETURN(
        const Json created,
        DemoRule(hub::CreateLibraryItem(db, catalogue, hub::Actor::System(), item.fields),
                 "library item"));
    ++made.items;
    if (item.text.empty()) continue;
    const int64_t id = created["id"];
    INSPIRE_RETURN_IF_ERROR(AddFile(db, id, item, ""));
    ++made.files;
    if (made.files == 1) {  // the living guide: a second version
      item.text.emplace_back(
          "New in this version: a session on caring for the carer, with breathing "
          "exercises for stressed parents.");
      INSPIRE_RETURN_IF_ERROR(AddFile(db, id, item, "Added a session on caring for the carer."));
      ++made.files;
    }
  }
  return made;
}

}  // namespace inspire::cli
