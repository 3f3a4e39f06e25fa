#include "cli/help_text.hpp"

#include "tfschema/profile.hpp"
#include "tfschema/validator.hpp"

namespace tfschema::cli {

std::string validate_help() {
  std::string profiles;
  for (size_t i = 0; i < kAllProfiles.size(); ++i) {
    if (i != 0) profiles += i + 1 == kAllProfiles.size() ? " or " : ", ";
    profiles += profile_name(kAllProfiles[i]);
    if (kAllProfiles[i] == Options{}.profile) profiles += " (default)";
  }
  std::string help(kValidateHelp);
  const std::string_view placeholder = "{profiles}";
  help.replace(help.find(placeholder), placeholder.size(), profiles);
  return help;
}

}  // namespace tfschema::cli
