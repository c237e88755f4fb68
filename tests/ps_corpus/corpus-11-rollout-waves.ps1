# Print the voice rollout plan for the change board: voices split into waves, each wave's traffic share, one test session per wave.
param(
    [ValidateRange(1, 4)]
    [int]$Waves = 3,
    [string[]]$Voices = @('alloy', 'echo', 'shimmer', 'ballad', 'coral', 'verse')
)

$PerWave = [math]::Ceiling($Voices.Count / $Waves)
Write-Output ('{0,-6}{1,-18}{2,7}' -f 'WAVE', 'VOICES', 'SHARE')
foreach ($Wave in 1..$Waves) {
    $Slice = $Voices | Select-Object -Skip (($Wave - 1) * $PerWave) -First $PerWave
    $Share = $Wave / $Waves * 100    # 33.33..., 66.66..., 100
    $Request = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-mini-realtime-preview' -Voice $Slice[0] -Modalities @('audio', 'text')
    $Session = New-RealtimeSession -RealtimeSessionCreateRequest $Request
    Write-Output ('{0:D2}    {1,-18}{2,6:N1}% first {3}' -f $Wave, ($Slice -join '/'), $Share, $Session.voice)
}

$SVoices = $Voices | Where-Object { $_ -like 's*' }
# one match is a plain string, not an array: .Count is still 1, but [0] is its first character
Write-Output "s-voices: $($SVoices.Count), first letter $($SVoices[0])"
$None = $Voices | Where-Object { $_ -like 'z*' }
Write-Output "z-voices: $($None.Count)"    # no match is $null, and $null.Count is 0
