#include "hosts/osqueryi/line_source.h"

#include <editline/readline.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace oqs {

std::optional<std::string> StreamLineSource::readLine(bool /*continuation*/) {
  std::string line;
  if (!std::getline(in_, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

namespace {

// libedit calls C functions: the completion list lives here while a TerminalLineSource does.
std::function<std::vector<std::string>()> g_table_names;
std::vector<std::string> g_candidates;

char* nextCandidate(const char* prefix, int state) {
  static size_t index = 0;
  if (state == 0) {
    index = 0;
    g_candidates = g_table_names ? g_table_names() : std::vector<std::string>{};
  }
  size_t length = std::strlen(prefix);
  while (index < g_candidates.size()) {
    const std::string& name = g_candidates[index++];
    if (name.compare(0, length, prefix) == 0) return strdup(name.c_str());
  }
  return nullptr;
}

char** completeTableName(const char* text, int /*start*/, int /*end*/) {
  rl_attempted_completion_over = 1;  // never fall back to file names
  return rl_completion_matches(text, nextCandidate);
}

std::string homeOfUser() {
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') return home;
  struct passwd* pw = getpwuid(getuid());
  return (pw != nullptr && pw->pw_dir != nullptr) ? pw->pw_dir : "";
}

bool termIsXterm256() {
  const char* term = std::getenv("TERM");
  return term != nullptr && std::strstr(term, "xterm-256color") != nullptr;
}

// Colour codes are wrapped in RL_PROMPT_START_IGNORE/END_IGNORE so libedit does not count
// them as width. libedit drops an ignored sequence that ends the prompt, so the reset goes
// before the prompt's last character (its trailing space).
std::string colored(const std::string& prompt) {
  if (!termIsXterm256() || prompt.empty()) return prompt;
  return std::string("\1\033[38;5;147m\2") + prompt.substr(0, prompt.size() - 1) + "\1\033[0m\2" +
         prompt.back();
}

}  // namespace

std::string mainPrompt() {
  return colored("osquery> ");
}
std::string continuationPrompt() {
  return colored("    ...> ");
}

std::string osqueryHomeDirectory() {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string home = homeOfUser();
  if (!home.empty()) {
    fs::path dir = fs::path(home) / ".osquery";
    if (fs::is_directory(dir, ec) || fs::create_directories(dir, ec)) {
      if (access(dir.c_str(), W_OK) == 0) return dir.string();
    }
  }
  fs::path tmp = fs::temp_directory_path(ec) / ("osquery-" + std::to_string(getuid()));
  fs::create_directories(tmp, ec);
  chmod(tmp.c_str(), 0700);
  return tmp.string();
}

TerminalLineSource::TerminalLineSource(std::string main_prompt, std::string continuation_prompt,
                                       std::string history_path,
                                       std::function<std::vector<std::string>()> table_names)
    : main_prompt_(std::move(main_prompt)),
      continuation_prompt_(std::move(continuation_prompt)),
      history_path_(std::move(history_path)) {
  g_table_names = std::move(table_names);
  rl_readline_name = "osquery";
  rl_attempted_completion_function = completeTableName;
  rl_completion_append_character = ' ';
  stifle_history(kHistoryMax);
  loadHistory();
}

TerminalLineSource::~TerminalLineSource() {
  saveHistory();
  rl_attempted_completion_function = nullptr;
  g_table_names = nullptr;
}

std::optional<std::string> TerminalLineSource::readLine(bool continuation) {
  char* raw = readline(continuation ? continuation_prompt_.c_str() : main_prompt_.c_str());
  if (raw == nullptr) return std::nullopt;
  std::string line(raw);
  std::free(raw);
  if (!line.empty()) add_history(line.c_str());
  return line;
}

void TerminalLineSource::loadHistory() {
  if (history_path_.empty()) return;
  std::ifstream in(history_path_);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) add_history(line.c_str());
  }
}

void TerminalLineSource::saveHistory() {
  if (history_path_.empty()) return;
  std::ofstream out(history_path_, std::ios::trunc);
  if (!out) return;
  int first = history_length > kHistoryMax ? history_length - kHistoryMax : 0;
  for (int i = first; i < history_length; ++i) {
    HIST_ENTRY* entry = history_get(history_base + i);
    if (entry != nullptr && entry->line != nullptr) out << entry->line << "\n";
  }
  chmod(history_path_.c_str(), 0600);
}

}  // namespace oqs
