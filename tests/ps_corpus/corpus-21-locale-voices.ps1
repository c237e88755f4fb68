# Pick a voice and greeting for each regional phone line from its locale code, and mint one GA key per distinct voice.
[CmdletBinding()]
param(
    [string[]]$Lines = @('en-GB', 'en-US', 'de-DE', 'fr-CA', 'EN-au'),
    [switch]$DryRun
)

$Plan = foreach ($Locale in $Lines) {
    # -Wildcard patterns ignore case: 'EN-au' matches 'en-*'
    $Voice = switch -Wildcard ($Locale) {
        'en-*' { 'marin' }
        'de-*' { 'cedar' }
        default { 'alloy' }
    }
    [pscustomobject]@{
        Locale   = $Locale
        Voice    = $Voice
        Greeting = 'Hello from {region}!'.Replace('{region}', $Locale.Substring(3).ToUpper())
    }
}
foreach ($Item in $Plan) {
    Write-Output ('{0,-6} {1,-6} {2}' -f $Item.Locale, $Item.Voice, $Item.Greeting)
}
$Voices = $Plan | Select-Object -ExpandProperty Voice | Select-Object -Unique
Write-Output "distinct voices: $($Voices -join ', ')"
# -Unique applies after -First: the first two are 'marin', 'marin', so one voice is left
$FirstTwo = $Plan.Voice | Select-Object -First 2 -Unique
Write-Output "first two lines need $(@($FirstTwo).Count) voice(s)"
if ($DryRun) {
    Write-Output 'dry run: nothing minted'
    return
}
foreach ($Voice in $Voices) {
    $Audio = Initialize-RealtimeSessionCreateRequestGAAudio -Output (Initialize-RealtimeSessionCreateRequestGAAudioOutput -Voice $Voice)
    $Session = Initialize-RealtimeSessionCreateRequestGA -Model 'gpt-realtime' -Audio $Audio
    $Secret = New-RealtimeClientSecret -RealtimeCreateClientSecretRequest (Initialize-RealtimeCreateClientSecretRequest -Session $Session)
    Write-Output "minted for $($Secret.session.audio.output.voice)"
}
